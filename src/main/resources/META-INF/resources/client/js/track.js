// Track a report by its id, or by the receipt (token) a batch service gave until the id exists.
import { start, t, el, api, query, V2, language, makeMap, showError, formatDate, statusBadge, ownPath } from './common.js';

const settings = await start('track');
const messages = document.getElementById('messages');
const article = document.getElementById('request');
let map;
let marker;

const withLanguage = () => query({ jurisdiction_id: settings.jurisdiction_id, locale: language() });
const TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function show(idOrToken) {
  messages.replaceChildren();
  article.hidden = true;
  let id = idOrToken.trim();
  if (!id) return;
  try {
    if (TOKEN.test(id)) {
      const { body } = await api(`${V2}/tokens/${encodeURIComponent(id)}.json?${withLanguage()}`);
      if (!body[0] || !body[0].service_request_id) {
        messages.replaceChildren(el('p', { class: 'notice', role: 'status' }, t('processing')));
        return;
      }
      id = body[0].service_request_id;
    }
    const { body } = await api(`${V2}/requests/${encodeURIComponent(id)}.json?${withLanguage()}&extensions=true`);
    render(body[0]);
  } catch (error) {
    if (error.status === 404) messages.replaceChildren(el('p', { class: 'notice bad', role: 'alert' }, t('not_found')));
    else showError(messages, error);
  }
}

function photos(urls, alt) {
  return (urls || []).length
    ? el('div', { class: 'photos' }, urls.map(ownPath).map((url, i) => el('a', { href: url }, el('img', { src: url, alt: `${alt} ${i + 1}` }))))
    : null;
}

function render(request) {
  const extended = request.extended_attributes || {};
  document.getElementById('request-heading').replaceChildren(
    `${request.service_name || request.service_code} · ${request.service_request_id} `,
    statusBadge(request.status, extended.detailed_status));
  const facts = [
    ['status', [t(request.status), extended.detailed_status ? ` (${extended.detailed_status.replaceAll('_', ' ')})` : '']],
    ['service', request.service_name],
    ['address', request.address],
    ['requested', formatDate(request.requested_datetime)],
    ['updated', formatDate(request.updated_datetime)],
    ['expected', formatDate(request.expected_datetime)],
  ].filter(([, value]) => value && value.length);
  document.getElementById('facts').replaceChildren(...facts.flatMap(([key, value]) => [
    el('dt', {}, t(key)), el('dd', { 'data-fact': key }, value)]));
  document.getElementById('notes').replaceChildren(...[
    request.description ? el('p', {}, request.description) : null,
    request.status_notes ? el('div', { class: 'notice' }, el('strong', {}, `${t('notes')}: `), el('span', { id: 'status-notes' }, request.status_notes)) : null,
  ].filter(Boolean));
  const history = extended.history || [];
  const fixPhotos = new Set(history.flatMap((h) => h.media_urls || []));
  const citizen = (extended.media_urls || (request.media_url ? [request.media_url] : [])).filter((u) => !fixPhotos.has(u));
  document.getElementById('citizen-photos').replaceChildren(...[citizen.length ? el('h3', {}, t('citizen_photos')) : null, photos(citizen, t('photo_of'))].filter(Boolean));
  document.getElementById('history').replaceChildren(...history.map((entry) => el('li', {},
    el('time', { datetime: entry.datetime }, formatDate(entry.datetime)), ' ',
    entry.status ? statusBadge(entry.status, entry.detailed_status) : null,
    entry.note ? el('p', {}, entry.note) : null,
    photos(entry.media_urls, t('photo_of_fix')))));
  article.hidden = false;
  if (request.lat !== undefined && request.lat !== null) {
    if (!map) map = makeMap('track-map', `${t('address')}: ${request.address || ''}`);
    const point = [request.lat, request.long];
    if (!marker) marker = L.marker(point, { alt: request.service_request_id, keyboard: false }).addTo(map);
    else marker.setLatLng(point);
    map.setView(point, 16);
    setTimeout(() => map.invalidateSize(), 0);
  }
  document.getElementById('request-heading').focus();
}

const params = new URLSearchParams(location.search);
const initial = params.get('id') || params.get('token');
document.getElementById('lookup').addEventListener('submit', (e) => {
  e.preventDefault();
  const value = document.getElementById('request-id').value;
  history.replaceState(null, '', `?${query({ id: value.trim() })}`);
  show(value);
});
if (initial) {
  document.getElementById('request-id').value = initial;
  await show(initial);
}
