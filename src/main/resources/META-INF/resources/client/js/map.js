// Recent reports on a map (the request list as GeoJSON), clustered, filtered by service and status.
import { start, t, el, api, query, V2, language, makeMap, showError, formatDate } from './common.js';

const settings = await start('map');
const map = makeMap('reports-map', t('map_title'));
const clusters = L.markerClusterGroup();
map.addLayer(clusters);

async function loadServices() {
  const { body } = await api(`${V2}/services.json?${query({ jurisdiction_id: settings.jurisdiction_id, locale: language() })}`);
  document.getElementById('filter-service').replaceChildren(el('option', { value: '' }, t('all')), ...body
    .map((s) => el('option', { value: s.service_code }, s.service_name)));
}

function popup(properties) {
  return el('div', {},
    el('strong', {}, properties.service_name || properties.service_code), el('br'),
    `${t(properties.status)} · ${formatDate(properties.requested_datetime)}`, el('br'),
    properties.address || '', el('br'),
    el('a', { href: `track.html?id=${encodeURIComponent(properties.service_request_id)}` }, properties.service_request_id));
}

async function load() {
  const form = document.getElementById('filters');
  try {
    const { body } = await api(`${V2}/requests.geojson?${query({
      jurisdiction_id: settings.jurisdiction_id, locale: language(), page_size: 1000,
      service_code: form.elements.service_code.value, status: form.elements.status.value,
    })}`);
    clusters.clearLayers();
    const markers = body.features.map((feature) => {
      const [long, lat] = feature.geometry.coordinates;
      return L.marker([lat, long], { alt: `${feature.properties.service_request_id} ${feature.properties.service_name || ''}` })
        .bindPopup(() => popup(feature.properties));
    });
    clusters.addLayers(markers);
    const without = body.without_location ? ` (${body.without_location} ${t('without_location')})` : '';
    document.getElementById('summary').textContent = `${markers.length} ${t('shown')}${without}`;
    document.getElementById('messages').replaceChildren();
  } catch (error) {
    showError(document.getElementById('messages'), error);
  }
}

document.getElementById('filters').addEventListener('change', load);
await loadServices();
await load();
