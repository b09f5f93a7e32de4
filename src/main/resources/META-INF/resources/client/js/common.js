// What every page of the client shares: its settings, its language, safe DOM building, calls to the API and maps.
// Everything shown that came from the server goes in as text (never as HTML), so a report cannot inject markup.
import { STRINGS } from './i18n.js';

export const V2 = '/open311/v2';
let settings;
let lang = 'en';

export async function start(active) {
  settings = await (await fetch('/client/config.json')).json();
  const offered = Object.keys(STRINGS);
  const saved = localStorage.getItem('open311.lang');
  const browser = (navigator.language || 'en').slice(0, 2);
  lang = [saved, browser].find((l) => l && offered.includes(l)) || 'en';
  document.documentElement.lang = lang;
  renderHeader(active);
  applyTexts(document);
  return settings;
}

export const config = () => settings;
export const language = () => lang;
export const t = (key) => (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.en[key] || key;

export function applyTexts(root) {
  root.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((node) => { node.placeholder = t(node.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-label]').forEach((node) => node.setAttribute('aria-label', t(node.dataset.i18nLabel)));
}

/** el('a', {href: '#'}, 'text', child…): attributes as properties or attributes; children as nodes or text. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name in node && typeof value !== 'string') node[name] = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function renderHeader(active) {
  const header = document.getElementById('site');
  if (!header) return;
  const links = [
    ['report', '/client/', 'nav_report'],
    ['track', '/client/track.html', 'nav_track'],
    ['map', '/client/map.html', 'nav_map'],
    ['staff', '/client/staff/', 'nav_staff'],
  ];
  const select = el('select', { id: 'language', onchange: (e) => {
    localStorage.setItem('open311.lang', e.target.value);
    location.reload();
  } }, Object.keys(STRINGS).map((l) => el('option', { value: l, selected: l === lang },
    new Intl.DisplayNames([l], { type: 'language' }).of(l))));
  header.replaceChildren(
    el('a', { class: 'skip', href: '#main', 'data-i18n': 'skip' }),
    el('span', { class: 'brand' }, settings.jurisdiction_name, ' · 311'),
    el('nav', { 'aria-label': 'Main' }, el('ul', {}, links.map(([name, href, key]) =>
      el('li', {}, el('a', { href, 'data-i18n': key, 'aria-current': name === active ? 'page' : null }))))),
    el('label', { for: 'language', 'data-i18n': 'language' }),
    select,
  );
}

/** An answer of the API that is not a success: its Open311 error descriptions, one per problem. */
export class ApiError extends Error {
  constructor(status, descriptions) {
    super(descriptions.join(' '));
    this.status = status;
    this.descriptions = descriptions;
  }
}

export async function api(path, options = {}) {
  const response = await fetch(path, options);
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const descriptions = Array.isArray(body) ? body.map((e) => e.description) : [String(body || response.statusText)];
    throw new ApiError(response.status, descriptions);
  }
  return { body, headers: response.headers };
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.append(name, value);
  }
  return search.toString();
}

/**
 * A link the server made to one of its own resources, as a path: the server names itself by the address the
 * connection came in on (127.0.0.1 when the page was opened as localhost), which the page's policy would refuse
 * as another origin.
 */
export function ownPath(url) {
  const parsed = new URL(url, location.href);
  const loopback = ['localhost', '127.0.0.1', '[::1]'];
  const sameServer = parsed.host === location.host
    || (parsed.port === location.port && loopback.includes(parsed.hostname) && loopback.includes(location.hostname));
  return sameServer && /^\/(open311|staff)\//.test(parsed.pathname) ? parsed.pathname + parsed.search : url;
}

/** A random UUID, also where crypto.randomUUID is missing (pages served over plain HTTP on a network). */
export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function formatDate(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function statusBadge(status, detailed) {
  return el('span', { class: `status ${status}` }, detailed ? detailed.replaceAll('_', ' ') : t(status));
}

/** A Leaflet map at the city's centre with the configured tiles (none configured: a map of markers alone). */
export function makeMap(id, label) {
  const [lat, long, zoom] = settings.map_centre;
  const node = document.getElementById(id);
  node.setAttribute('role', 'region');
  node.setAttribute('aria-label', label);
  // maxZoom on the map itself: clustering needs one even when no tile layer sets it
  const map = L.map(node, { keyboard: true, maxZoom: 19 }).setView([lat, long], zoom || 13);
  if (settings.tiles_url) {
    L.tileLayer(settings.tiles_url, { maxZoom: 19, attribution: settings.tiles_attribution }).addTo(map);
  }
  return map;
}

export function showError(container, error) {
  const lines = error instanceof ApiError ? error.descriptions : [error.message || t('error')];
  container.replaceChildren(el('div', { class: 'notice bad', role: 'alert' }, lines.map((l) => el('p', {}, l))));
}
