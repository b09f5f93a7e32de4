-- GET /open311/v2/requests.json and .xml without parameters: the spec's 90-day window, newest first,
-- page_size 1000 (the statement reads one row more to know whether there is a next page).
-- Generated from RequestListSql (make bench-sql); pgbench -M prepared sends the values as parameters, as pgJDBC does.
-- Variables (pgbench -D): jur, from, to (now - 90 days, now), limit (1001).
SELECT r.id, r.service_request_id, r.status, r.status_notes, r.service_ref, r.description, r.agency_responsible, r.service_notice, r.requested_datetime, r.updated_datetime, r.expected_datetime, r.address, r.address_id, r.zipcode, ST_Y(r.location), ST_X(r.location), r.media_urls[1] FROM service_requests r WHERE r.jurisdiction_ref = :jur AND NOT r.hidden AND r.service_ref <> ALL (:blackbox) AND r.requested_datetime BETWEEN :from AND :to ORDER BY r.requested_datetime DESC, r.id DESC LIMIT :limit;
