-- GET /open311/v2/requests.json?bbox=minLon,minLat,maxLon,maxLat: a 1 km x 1 km box whose centre is drawn
-- uniformly within about 1 km of the city centre (the wrk path list uses the same distribution), inside the
-- 90-day window, newest first, page_size 1000 (+1). Generated from RequestListSql (make bench-sql).
-- Variables (pgbench -D): jur, from, to, limit.
\set clon -89.6501 + random(-1000, 1000) * 0.0000117
\set clat 39.7817 + random(-1000, 1000) * 0.0000090
\set minlon :clon - 0.00585
\set maxlon :clon + 0.00585
\set minlat :clat - 0.0045
\set maxlat :clat + 0.0045
SELECT r.id, r.service_request_id, r.status, r.status_notes, r.service_ref, r.description, r.agency_responsible, r.service_notice, r.requested_datetime, r.updated_datetime, r.expected_datetime, r.address, r.address_id, r.zipcode, ST_Y(r.location), ST_X(r.location), r.media_urls[1] FROM service_requests r WHERE r.jurisdiction_ref = :jur AND NOT r.hidden AND r.service_ref <> ALL (:blackbox) AND r.requested_datetime BETWEEN :from AND :to AND r.location && ST_MakeEnvelope(:minlon, :minlat, :maxlon, :maxlat, 4326) AND ST_X(r.location) BETWEEN :minlon AND :maxlon AND ST_Y(r.location) BETWEEN :minlat AND :maxlat ORDER BY r.requested_datetime DESC, r.id DESC LIMIT :limit;
