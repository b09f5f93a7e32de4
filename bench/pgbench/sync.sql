-- GET /open311/v2/requests.json?updated_after=<newest update - 24 h>: a client's daily incremental sync
-- as plain GeoReport clients send it (no sort parameter, so newest requested first; no 90-day window for
-- updated_* queries), page_size 1000 (+1). Generated from RequestListSql (make bench-sql).
-- Variables (pgbench -D): jur, after, limit (1001).
SELECT r.id, r.service_request_id, r.status, r.status_notes, r.service_ref, r.description, r.agency_responsible, r.service_notice, r.requested_datetime, r.updated_datetime, r.expected_datetime, r.address, r.address_id, r.zipcode, ST_Y(r.location), ST_X(r.location), r.media_urls[1] FROM service_requests r WHERE r.jurisdiction_ref = :jur AND NOT r.hidden AND r.service_ref <> ALL (:blackbox) AND r.updated_datetime >= :after ORDER BY r.requested_datetime DESC, r.id DESC LIMIT :limit;
