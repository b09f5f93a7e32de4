// Citizen report: pick a service, answer its definition, place it, attach photos, send; see what is nearby first.
import { start, t, el, api, query, V2, language, makeMap, showError, formatDate, uuid } from './common.js';

const settings = await start('report');
const messages = document.getElementById('messages');
const form = document.getElementById('report');
let services = [];
let service;
let map;
let marker;
let idempotencyKey;
let confirmKey;

const fromWire = (q) => `${q}&${query({ jurisdiction_id: settings.jurisdiction_id, locale: language() })}`;

async function loadServices() {
  const { body } = await api(`${V2}/services.json?${fromWire('')}`);
  services = body;
  renderServices('');
}

function renderServices(search) {
  const words = search.trim().toLowerCase();
  const matches = services.filter((s) => !words
    || [s.service_name, s.description, s.keywords, s.group].join(' ').toLowerCase().includes(words));
  const groups = new Map();
  for (const s of matches) {
    const group = s.group || '—';
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(s);
  }
  const container = document.getElementById('services');
  if (!matches.length) {
    container.replaceChildren(el('p', {}, t('no_services')));
    return;
  }
  container.replaceChildren(...[...groups].map(([group, list]) => el('section', {},
    el('h2', {}, group),
    el('ul', {}, list.map((s) => el('li', {}, el('button', {
      type: 'button', 'data-service': s.service_code, onclick: () => choose(s),
    }, s.service_name, el('span', { class: 'hint' }, s.description || ''))))))));
}

async function choose(chosen) {
  service = chosen;
  idempotencyKey = undefined;
  confirmKey = undefined;
  messages.replaceChildren();
  document.getElementById('service-name').textContent = chosen.service_name;
  document.getElementById('service-description').textContent = chosen.description || '';
  const fields = document.getElementById('attribute-fields');
  fields.replaceChildren();
  if (chosen.metadata) {
    const { body } = await api(`${V2}/services/${encodeURIComponent(chosen.service_code)}.json?${fromWire('')}`);
    const attributes = [...body.attributes].sort((a, b) => a.order - b.order);
    fields.replaceChildren(...attributes.map(attributeField));
  }
  document.getElementById('attributes').hidden = !fields.children.length;
  document.getElementById('pick').hidden = true;
  form.hidden = false;
  showMap();
  document.getElementById('service-name').setAttribute('tabindex', '-1');
  document.getElementById('service-name').focus();
}

/** One form control per attribute of the definition, by its datatype; non-variable ones are shown, not asked. */
function attributeField(attribute) {
  if (!attribute.variable) {
    return el('p', { class: 'notice' }, attribute.description);
  }
  const id = `attr-${attribute.code}`;
  const name = `attribute[${attribute.code}]`;
  const hintId = `${id}-hint`;
  const hint = attribute.datatype_description ? el('span', { id: hintId, class: 'hint' }, ` ${attribute.datatype_description}`) : null;
  const mark = attribute.required
    ? [' ', el('span', { class: 'required-mark', 'aria-hidden': 'true' }, '*'), el('span', { class: 'visually-hidden' }, ` (${t('required')})`)]
    : [];
  const common = { id, name, required: attribute.required, 'aria-describedby': hint ? hintId : null, 'data-attribute': attribute.code };
  if (attribute.datatype === 'multivaluelist') {
    return el('fieldset', { 'data-attribute': attribute.code, 'data-required': attribute.required ? 'true' : null,
      'aria-describedby': hint ? hintId : null },
    el('legend', {}, attribute.description, mark, hint),
    (attribute.values || []).map((v, i) => el('div', { class: 'choice' },
      el('input', { type: 'checkbox', id: `${id}-${i}`, name: `${name}[]`, value: v.key }),
      el('label', { for: `${id}-${i}` }, v.name))));
  }
  let control;
  switch (attribute.datatype) {
    case 'number': control = el('input', { ...common, type: 'number', step: 'any' }); break;
    case 'datetime': control = el('input', { ...common, type: 'datetime-local' }); break;
    case 'text': control = el('textarea', { ...common, maxlength: '4000' }); break;
    case 'singlevaluelist':
      control = el('select', common, el('option', { value: '' }, t('choose_one')),
        (attribute.values || []).map((v) => el('option', { value: v.key }, v.name)));
      break;
    default: control = el('input', { ...common, type: 'text', maxlength: '4000' });
  }
  return el('div', {}, el('label', { for: id }, attribute.description, mark, hint), control);
}

function showMap() {
  if (!map) {
    map = makeMap('pin-map', t('map_label'));
    map.on('click', (e) => setPin(e.latlng));
    document.getElementById('centre-pin').addEventListener('click', () => setPin(map.getCenter()));
  }
  setTimeout(() => map.invalidateSize(), 0);
  renderPin();
}

function setPin(latlng) {
  idempotencyKey = undefined; // another place is another report
  confirmKey = undefined;
  if (!marker) {
    marker = L.marker(latlng, { draggable: true, title: t('pin_at'), alt: t('pin_at') }).addTo(map);
    marker.on('dragend', () => { renderPin(); loadNearby(); });
  } else {
    marker.setLatLng(latlng);
  }
  renderPin();
  loadNearby();
}

function renderPin() {
  const text = document.getElementById('pin-text');
  if (!marker) {
    text.textContent = t('no_pin');
    return;
  }
  const { lat, lng } = marker.getLatLng();
  text.textContent = `${t('pin_at')} ${lat.toFixed(6)}, ${lng.toFixed(6)}`;
}

async function loadNearby() {
  const list = document.getElementById('nearby-list');
  if (!marker || !service) return;
  const { lat, lng } = marker.getLatLng();
  try {
    const { body } = await api(`${V2}/requests.json?${fromWire(query({
      service_code: service.service_code, status: 'open', lat: lat.toFixed(7), long: lng.toFixed(7), radius: 100, sort: 'distance',
    }))}`);
    list.replaceChildren(body.length
      ? el('div', {}, el('p', {}, t('nearby_some')), requestLinks(body))
      : el('p', {}, t('nearby_none')));
  } catch (error) {
    showError(list, error);
  }
}

function requestLinks(requests) {
  return el('ul', { class: 'nearby' }, requests.slice(0, 10).map((r) => el('li', {},
    el('a', { href: `track.html?id=${encodeURIComponent(r.service_request_id)}` }, r.service_request_id),
    ' ', r.address || '', r.requested_datetime ? ` · ${formatDate(r.requested_datetime)}` : '',
    r.description ? el('div', { class: 'hint' }, r.description.slice(0, 140)) : null)));
}

function missing() {
  const problems = [];
  form.querySelectorAll('[data-attribute][required]').forEach((control) => {
    if (!control.value.trim()) problems.push(control.labels[0].textContent.replace('*', '').trim());
  });
  form.querySelectorAll('fieldset[data-required]').forEach((set) => {
    if (!set.querySelector('input:checked')) problems.push(set.querySelector('legend').textContent.replace('*', '').trim());
  });
  if (!marker && !document.getElementById('address').value.trim()) problems.push(t('need_location'));
  return problems;
}

async function send(confirmDuplicate) {
  const problems = missing();
  if (problems.length) {
    messages.replaceChildren(el('div', { class: 'notice bad', role: 'alert' },
      el('p', {}, `${t('required')}:`), el('ul', {}, problems.map((p) => el('li', {}, p)))));
    messages.focus();
    return;
  }
  const data = new FormData();
  data.append('api_key', settings.api_key || '');
  data.append('jurisdiction_id', settings.jurisdiction_id);
  data.append('service_code', service.service_code);
  data.append('locale', language());
  if (marker) {
    const { lat, lng } = marker.getLatLng();
    data.append('lat', lat.toFixed(7));
    data.append('long', lng.toFixed(7));
  }
  for (const name of ['address_string', 'description', 'email']) {
    const value = form.elements[name].value.trim();
    if (value) data.append(name, value);
  }
  form.querySelectorAll('[data-attribute]:not(fieldset)').forEach((control) => {
    if (control.value.trim()) data.append(control.name, control.value.trim());
  });
  form.querySelectorAll('fieldset[data-attribute] input:checked').forEach((box) => data.append(box.name, box.value));
  for (const file of document.getElementById('photos').files) data.append('media', file, file.name);
  data.append(confirmDuplicate ? 'confirm_duplicate' : 'duplicate_check', 'true');
  // the same key for a retry of the same report (and of its confirmation): a network failure never files it twice
  if (confirmDuplicate) confirmKey = confirmKey || uuid();
  else idempotencyKey = idempotencyKey || uuid();
  const key = confirmDuplicate ? confirmKey : idempotencyKey;
  const button = document.getElementById('submit');
  const anyway = document.getElementById('file-anyway');
  if (anyway) anyway.disabled = true;
  button.disabled = true;
  button.textContent = t('sending');
  try {
    const { body } = await api(`${V2}/requests.json`, { method: 'POST', body: data, headers: { 'Idempotency-Key': key } });
    answered(body[0] || {});
  } catch (error) {
    showError(messages, error);
    messages.focus();
  } finally {
    button.disabled = false;
    if (anyway) anyway.disabled = false;
    button.textContent = t('submit');
  }
}

function answered(answer) {
  if (!answer.service_request_id && !answer.token && answer.duplicate_candidates && answer.duplicate_candidates.length) {
    messages.replaceChildren(el('div', { class: 'notice', role: 'alert' },
      el('p', {}, t('duplicate_found')),
      requestLinks(answer.duplicate_candidates.map((c) => ({ ...c, address: `${c.distance_metres} m` }))),
      el('button', { type: 'button', id: 'file-anyway', onclick: () => send(true) }, t('file_anyway'))));
    document.getElementById('file-anyway').focus();
    return;
  }
  const done = document.getElementById('done');
  const link = answer.service_request_id
    ? `track.html?id=${encodeURIComponent(answer.service_request_id)}`
    : answer.token ? `track.html?token=${encodeURIComponent(answer.token)}` : null;
  done.replaceChildren(el('div', { class: 'notice ok', role: 'status' },
    el('h2', { id: 'thanks', tabindex: '-1' }, t('thanks')),
    answer.service_request_id ? el('p', {}, `${t('your_id')}: `, el('strong', { id: 'new-id' }, answer.service_request_id)) : null,
    !answer.service_request_id && answer.token ? el('p', {}, `${t('your_token')}: `, el('strong', { id: 'new-token' }, answer.token)) : null,
    !link ? el('p', {}, t('not_published')) : null,
    answer.service_notice ? el('p', {}, answer.service_notice) : null,
    link ? el('p', {}, el('a', { href: link, id: 'track-link' }, t('track_it'))) : null,
    el('p', {}, el('a', { href: '/client/' }, t('report_another')))));
  form.hidden = true;
  messages.replaceChildren();
  done.hidden = false;
  document.getElementById('thanks').focus();
}

messages.setAttribute('tabindex', '-1');
document.getElementById('service-search').addEventListener('input', (e) => renderServices(e.target.value));
document.getElementById('back').addEventListener('click', () => {
  form.hidden = true;
  document.getElementById('pick').hidden = false;
  document.getElementById('service-search').focus();
});
form.addEventListener('submit', (e) => { e.preventDefault(); send(false); });
form.addEventListener('input', () => { idempotencyKey = undefined; confirmKey = undefined; });
try {
  await loadServices();
} catch (error) {
  showError(messages, error);
}
