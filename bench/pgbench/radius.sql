-- GET /open311/v2/requests.json?lat=..&long=..&radius=500: a 500 m circle whose centre is drawn uniformly
-- within about 1 km of the city centre (same distribution as the wrk path list), inside the 90-day window,
-- newest first, page_size 1000 (+1). Generated from RequestListSql (make bench-sql).
-- Variables (pgbench -D): jur, from, to, radius (500), limit.
\set clon -89.6501 + random(-1000, 1000) * 0.0000117
\set clat 39.7817 + random(-1000, 1000) * 0.0000090
SELECT r.id, r.service_request_id, r.status, r.status_notes, r.service_ref, r.description, r.agency_responsible, r.service_notice, r.requested_datetime, r.updated_datetime, r.expected_datetime, r.address, r.address_id, r.zipcode, ST_Y(r.location), ST_X(r.location), r.media_urls[1] FROM service_requests r WHERE r.jurisdiction_ref = :jur AND NOT r.hidden AND r.service_ref <> ALL (:blackbox) AND r.requested_datetime BETWEEN :from AND :to AND ST_DWithin(r.location::geography, ST_SetSRID(ST_MakePoint(:clon, :clat), 4326)::geography, :radius) ORDER BY r.requested_datetime DESC, r.id DESC LIMIT :limit;
