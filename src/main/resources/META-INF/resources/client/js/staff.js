// The staff board: sign-in (the city's OpenID Connect provider with PKCE, or the demo sign-in), the work queue
// with its filters, badges, map and bulk actions, one request's full view and changes, statistics and hotspots.
// It uses the staff API exactly as any other integration would: bearer token, versions, previews.
import { start, el, api, query, V2, makeMap, showError, formatDate, statusBadge, ownPath } from './common.js';
import { beginSignIn, finishSignIn } from './pkce.js';

const settings = await start('staff');
const J = encodeURIComponent(settings.jurisdiction_id);
const STAFF = `/staff/v1/jurisdictions/${J}`;
const TOKEN_KEY = 'open311.staff.token';
const messages = document.getElementById('messages');
const selected = new Set();
let queueMap;
let queueMarkers;
let nextPageToken;
let current;

const token = () => sessionStorage.getItem(TOKEN_KEY);
/** The token's claims when it is a JWT (the staff API needs one); an empty object for anything else. */
function claims(jwt) {
  try {
    return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

function staffApi(path, options = {}) {
  const headers = { Authorization: `Bearer ${token()}`, ...(options.headers || {}) };
  return api(path, { ...options, headers }).catch((error) => {
    if (error.status === 401) signOut();
    throw error;
  });
}

const json = (method, body) => ({ method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

/** A line about a change to the open request, next to it (or at the top when none is open). */
function say(text, kind = 'ok') {
  const target = current ? document.getElementById('detail-messages') : messages;
  target.replaceChildren(el('p', { class: `notice ${kind}`, role: kind === 'bad' ? 'alert' : 'status' }, text));
}

function fail(error) {
  const target = current && !document.getElementById('detail').hidden ? document.getElementById('detail-messages') : messages;
  showError(target, error);
  target.focus();
}

// --- sign-in -------------------------------------------------------------------------------------------------

function signedIn(accessToken) {
  sessionStorage.setItem(TOKEN_KEY, accessToken);
  showBoard();
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  current = undefined;
  document.getElementById('detail').hidden = true;
  document.querySelector('#queue-table tbody').replaceChildren();
  document.getElementById('board').hidden = true;
  showSignIn();
}

function showSignIn() {
  document.getElementById('signin').hidden = false;
  document.getElementById('oidc-box').hidden = !settings.oidc;
  document.getElementById('demo-box').hidden = !settings.demo_sign_in;
  document.getElementById('no-sign-in').hidden = Boolean(settings.oidc || settings.demo_sign_in);
}

async function demoSignIn(role) {
  try {
    const { body } = await api('/client/demo-sign-in', json('POST', { role }));
    signedIn(body.access_token);
  } catch (error) {
    fail(error);
  }
}

// --- the work queue ------------------------------------------------------------------------------------------

function filters() {
  const form = document.getElementById('queue-filters');
  const values = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    if (element.type === 'checkbox') { if (element.checked) values[element.name] = 'true'; }
    else if (element.value.trim()) values[element.name] = element.value.trim();
  }
  return values;
}

async function loadQueue(more = false) {
  const params = filters();
  try {
    const [page, counts] = await Promise.all([
      staffApi(`${STAFF}/requests?${query({ ...params, page_size: 50, page_token: more ? nextPageToken : null })}`),
      more ? null : staffApi(`${STAFF}/requests/counts?${query({ ...params, sort: null })}`),
    ]);
    nextPageToken = page.body.next_page_token;
    document.getElementById('more').hidden = !nextPageToken;
    renderRows(page.body.requests, more);
    if (counts) renderBadges(counts.body, params.detailed_status);
  } catch (error) {
    fail(error);
  }
}

function renderBadges(counts, active) {
  const badge = (label, value, status) => el('li', {}, el('button', {
    type: 'button', 'aria-pressed': String((status || '') === (active || '')),
    onclick: () => { setDetailedStatus(status); },
  }, `${label}: ${value}`));
  document.getElementById('badges').replaceChildren(
    badge('all', counts.total, null),
    ...Object.entries(counts.detailed_status).map(([status, n]) => badge(status.replaceAll('_', ' '), n, status)));
}

function setDetailedStatus(status) {
  const form = document.getElementById('queue-filters');
  let hidden = form.elements.detailed_status;
  if (!hidden) {
    hidden = el('input', { type: 'hidden', name: 'detailed_status' });
    form.append(hidden);
  }
  hidden.value = status || '';
  loadQueue();
}

function renderRows(requests, append) {
  const body = document.querySelector('#queue-table tbody');
  if (!append) {
    body.replaceChildren();
    queueMarkers.clearLayers();
    selected.clear();
  }
  for (const r of requests) {
    const box = el('input', { type: 'checkbox', 'aria-label': `Select ${r.service_request_id}`, 'data-select': r.service_request_id,
      onchange: (e) => { if (e.target.checked) selected.add(r.service_request_id); else selected.delete(r.service_request_id); updateSelected(); } });
    body.append(el('tr', { 'data-id': r.service_request_id },
      el('td', {}, box),
      el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => openRequest(r.service_request_id) }, r.service_request_id)),
      el('td', {}, r.service_name, r.assignee ? el('div', { class: 'hint' }, `→ ${r.assignee}`) : null),
      el('td', {}, r.priority),
      el('td', {}, statusBadge(r.status, r.detailed_status), r.overdue ? el('div', { class: 'hint' }, 'overdue') : null),
      el('td', {}, r.address || ''),
      el('td', {}, formatDate(r.requested_datetime))));
    if (r.lat !== null && r.lat !== undefined) {
      L.marker([r.lat, r.long], { alt: `${r.service_request_id} ${r.service_name}` })
        .on('click', () => openRequest(r.service_request_id)).addTo(queueMarkers);
    }
  }
  updateSelected();
  if (queueMarkers.getLayers().length && !append) queueMap.fitBounds(queueMarkers.getBounds(), { maxZoom: 16, padding: [20, 20] });
}

function updateSelected() {
  document.getElementById('selected-count').textContent = selected.size;
}

// --- bulk actions: preview, then the confirmation applies exactly what was previewed ------------------------

function bulkAction(form) {
  const type = form.elements.type.value;
  const value = form.elements.value.value.trim();
  const note = form.elements.public_note.value.trim() || null;
  switch (type) {
    case 'assign': return { type, assignee: value || null };
    case 'status': return { type, detailed_status: value, public_note: note };
    case 'priority': return { type, priority: value };
    default: return { type, duplicate_of: value };
  }
}

async function previewBulk(event) {
  event.preventDefault();
  const result = document.getElementById('bulk-result');
  if (!selected.size) {
    result.replaceChildren(el('p', { class: 'notice bad', role: 'alert' }, 'Select requests in the list first.'));
    return;
  }
  const request = { selection: { ids: [...selected] }, action: bulkAction(event.target) };
  try {
    const { body } = await staffApi(`${STAFF}/requests/bulk-actions`, json('POST', request));
    result.replaceChildren(el('div', { class: 'notice' },
      el('p', {}, `${body.matched} requests would change${body.unchanged.length ? `, ${body.unchanged.length} already are so` : ''}.`),
      el('button', { type: 'button', id: 'bulk-confirm', onclick: () => confirmBulk({ ...request, confirmation: body.confirmation }) }, 'Apply')));
    document.getElementById('bulk-confirm').focus();
  } catch (error) {
    showError(result, error);
  }
}

async function confirmBulk(request) {
  const result = document.getElementById('bulk-result');
  try {
    const { body } = await staffApi(`${STAFF}/requests/bulk-actions`, json('POST', request));
    result.replaceChildren(el('p', { class: 'notice ok', role: 'status' }, `Applied to ${body.ids.length} requests.`));
    await loadQueue();
  } catch (error) {
    showError(result, error);
  }
}

// --- one request ---------------------------------------------------------------------------------------------

function facts(target, pairs) {
  const shown = pairs.filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (!shown.length) {
    document.getElementById(target).replaceChildren(el('dt', {}, 'none'), el('dd', {}, '—'));
    return;
  }
  document.getElementById(target).replaceChildren(...shown.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v))]));
}

async function openRequest(id) {
  try {
    const { body } = await staffApi(`${STAFF}/requests/${encodeURIComponent(id)}`);
    renderRequest(body);
    document.getElementById('detail').focus();
  } catch (error) {
    fail(error);
  }
}

function renderRequest(r) {
  current = r;
  document.querySelectorAll('#queue-table tr').forEach((row) => row.classList.toggle('selected', row.dataset.id === r.service_request_id));
  document.getElementById('detail-heading').replaceChildren(`${r.service_request_id} · ${r.service_name} `, statusBadge(r.status, r.detailed_status));
  facts('detail-facts', [
    ['Version', r.version], ['Priority', r.priority], ['Channel', r.channel], ['Agency', r.agency_responsible],
    ['Assignee', r.assignee], ['Work order', r.work_order ? `${r.work_order.system} ${r.work_order.id}` : null],
    ['Duplicate of', r.duplicate_of], ['Address', r.address], ['Description', r.description], ['Status notes', r.status_notes],
    ['Reported', formatDate(r.requested_datetime)], ['Expected', formatDate(r.expected_datetime)],
  ]);
  const s = r.submitter || {};
  facts('detail-submitter', [['E-mail', s.email], ['Phone', s.phone], ['Name', [s.first_name, s.last_name].filter(Boolean).join(' ')]]);
  facts('detail-attributes', Object.entries(r.attributes || {}));
  document.getElementById('detail-photos').replaceChildren(...(r.media_urls || []).map(ownPath).map((url, i) => {
    const image = el('img', { alt: `Photo ${i + 1} of ${r.service_request_id}` });
    showPhoto(image, url);
    return image;
  }));
  document.getElementById('detail-photos').className = 'photos';
  document.getElementById('detail-history').replaceChildren(...r.history.map((h) => el('li', { class: h.is_public ? '' : 'internal' },
    el('time', { datetime: h.changed_at }, formatDate(h.changed_at)), ` ${h.actor} · ${h.action.replaceAll('_', ' ')}${h.is_public ? '' : ' (internal)'}`,
    h.note ? el('p', {}, h.note) : null)));
  document.getElementById('a-assignee').value = r.assignee || '';
  document.getElementById('detail').hidden = false;
}

/** Staff photo paths need the bearer token, which an img element cannot send: fetched, then shown as a blob. */
async function showPhoto(image, url) {
  if (!url.startsWith(`${STAFF}/media/`)) {
    image.src = url;
    return;
  }
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token()}` } });
  if (response.ok) image.src = URL.createObjectURL(await response.blob());
}

async function saveChange(event) {
  event.preventDefault();
  const form = event.target;
  const fields = {};
  for (const name of ['detailed_status', 'status_notes', 'public_note', 'internal_note']) {
    const value = form.elements[name].value.trim();
    if (value) fields[name] = value;
  }
  const photos = form.elements.photo.files;
  const path = `${STAFF}/requests/${encodeURIComponent(current.service_request_id)}`;
  try {
    let answer;
    if (photos.length) {
      // the photo of the fix goes with the change as multipart/form-data
      const data = new FormData();
      data.append('version', current.version);
      Object.entries(fields).forEach(([k, v]) => data.append(k, v));
      for (const photo of photos) data.append('photo', photo, photo.name);
      answer = await staffApi(path, { method: 'PATCH', body: data });
    } else {
      answer = await staffApi(path, json('PATCH', { version: current.version, ...fields }));
    }
    form.reset();
    renderRequest(answer.body);
    say(`${current.service_request_id} saved (version ${current.version}).`);
    loadQueue();
  } catch (error) {
    fail(error);
  }
}

async function assign(event) {
  event.preventDefault();
  const order = current.work_order || {};
  const body = { version: current.version, assignee: event.target.elements.assignee.value.trim() || null,
    system: order.system || null, id: order.id || null, url: order.url || null };
  try {
    const answer = await staffApi(`${STAFF}/requests/${encodeURIComponent(current.service_request_id)}/work-order`, json('PUT', body));
    renderRequest(answer.body);
    say(`${current.service_request_id} assigned to ${current.assignee || 'nobody'}.`);
    loadQueue();
  } catch (error) {
    fail(error);
  }
}

async function merge(event) {
  event.preventDefault();
  const body = { version: current.version, duplicate_of: event.target.elements.duplicate_of.value.trim() };
  try {
    const answer = await staffApi(`${STAFF}/requests/${encodeURIComponent(current.service_request_id)}/duplicate`, json('POST', body));
    renderRequest(answer.body);
    say(`${current.service_request_id} merged into ${body.duplicate_of}.`);
    loadQueue();
  } catch (error) {
    fail(error);
  }
}

// --- statistics and hotspots -----------------------------------------------------------------------------------

async function showStatistic(event) {
  if (event) event.preventDefault();
  const kind = document.getElementById('s-kind').value;
  const target = document.getElementById('stats-table');
  try {
    // the last 90 days including this minute (the API's default window ends at the start of the current minute)
    const end = new Date(Math.ceil((Date.now() + 1) / 60000) * 60000);
    const start = new Date(end.getTime() - 90 * 24 * 3600 * 1000);
    // the backlog is every open request, however old: no window for it
    const window = kind === 'backlog' ? {} : { start_date: start.toISOString(), end_date: end.toISOString() };
    const { body } = await staffApi(`${STAFF}/statistics/${kind}.json?${query({ group_by: 'service_code', ...window })}`);
    const columns = [...new Set(body.rows.flatMap((row) => Object.keys(row)))];
    target.replaceChildren(el('table', { id: 'statistic' },
      el('caption', {}, `${kind} from ${formatDate(body.start_date) || 'the start'} to ${formatDate(body.end_date) || 'now'}`),
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c.replaceAll('_', ' '))))),
      el('tbody', {}, body.rows.map((row) => el('tr', {}, columns.map((c) => el('td', {}, row[c] === null || row[c] === undefined ? '' : String(row[c]))))))));
  } catch (error) {
    showError(target, error);
  }
}

let hotspotMap;
let hotspotLayer;
async function showHotspots() {
  if (!hotspotMap) hotspotMap = makeMap('hotspot-map', 'Hotspot map: request counts per cell');
  setTimeout(() => hotspotMap.invalidateSize(), 0);
  const { body } = await api(`${V2}/hotspots/grid.geojson?${query({ jurisdiction_id: settings.jurisdiction_id, size: 250, min_count: 2 })}`);
  const max = Math.max(1, ...body.features.map((f) => f.properties.count));
  if (hotspotLayer) hotspotLayer.remove();
  const layer = L.geoJSON(body, {
    style: (f) => ({ color: '#a4161a', weight: 1, fillOpacity: 0.15 + 0.6 * (f.properties.count / max) }),
    onEachFeature: (f, l) => l.bindPopup(() => el('div', {}, `${f.properties.count} requests, ${f.properties.open_count} open`)),
  }).addTo(hotspotMap);
  hotspotLayer = layer;
  if (body.features.length) hotspotMap.fitBounds(layer.getBounds());
}

function selectTab(name) {
  for (const [tab, panel] of [['tab-queue', 'queue'], ['tab-stats', 'stats']]) {
    const on = panel === name;
    document.getElementById(tab).setAttribute('aria-selected', String(on));
    document.getElementById(tab).tabIndex = on ? 0 : -1;
    document.getElementById(panel).hidden = !on;
  }
  if (name === 'stats') {
    showStatistic();
    showHotspots().catch(fail);
  } else {
    setTimeout(() => queueMap.invalidateSize(), 0);
  }
}

// --- start ---------------------------------------------------------------------------------------------------

async function showBoard() {
  const who = claims(token());
  document.getElementById('signin').hidden = true;
  document.getElementById('board').hidden = false;
  document.getElementById('who').textContent = `Signed in as ${who.preferred_username || who.sub || 'staff'}${who.groups ? ` (${who.groups.join(', ')})` : ''}`;
  if (!queueMap) {
    queueMap = makeMap('queue-map', 'Map of the work queue');
    queueMarkers = L.featureGroup().addTo(queueMap);
    const { body } = await api(`${V2}/services.json?${query({ jurisdiction_id: settings.jurisdiction_id })}`);
    document.getElementById('f-service').append(...body.map((s) => el('option', { value: s.service_code }, s.service_name)));
  }
  await loadQueue();
}

document.getElementById('demo-staff').addEventListener('click', () => demoSignIn('staff'));
document.getElementById('demo-admin').addEventListener('click', () => demoSignIn('admin'));
document.getElementById('oidc-sign-in').addEventListener('click', () => beginSignIn(settings.oidc).catch(fail));
document.getElementById('sign-out').addEventListener('click', signOut);
document.getElementById('queue-filters').addEventListener('submit', (e) => { e.preventDefault(); loadQueue(); });
document.getElementById('more').addEventListener('click', () => loadQueue(true));
document.getElementById('bulk').addEventListener('submit', previewBulk);
document.getElementById('change').addEventListener('submit', saveChange);
document.getElementById('assign').addEventListener('submit', assign);
document.getElementById('merge').addEventListener('submit', merge);
document.getElementById('stats-form').addEventListener('submit', showStatistic);
document.getElementById('tab-queue').addEventListener('click', () => selectTab('queue'));
document.getElementById('tab-stats').addEventListener('click', () => selectTab('stats'));
document.querySelector('[role=tablist]').addEventListener('keydown', (e) => {
  if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    const next = document.getElementById('tab-queue').getAttribute('aria-selected') === 'true' ? 'stats' : 'queue';
    selectTab(next);
    document.getElementById(`tab-${next}`).focus();
  }
});

try {
  const fromProvider = await finishSignIn(settings.oidc);
  if (fromProvider) signedIn(fromProvider);
  else if (token() && !(claims(token()).exp * 1000 <= Date.now())) await showBoard();
  else showSignIn();
} catch (error) {
  showSignIn();
  fail(error);
}
