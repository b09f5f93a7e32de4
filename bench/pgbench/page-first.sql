-- GET /open311/v2/requests.json?updated_after=2000-01-01T00:00:00Z&sort=updated_datetime&page_size=50:
-- the first page of a full export. A first page that names page_size also carries a total; with a full page
-- the server asks the planner for its estimate of the matches (a million: beyond the counting limit, so
-- X-Total-Count-Estimate and no count): both statements, in the server's order.
-- Variables (pgbench -D): jur, after, limit (51).
SELECT r.id, r.service_request_id, r.status, r.status_notes, r.service_ref, r.description, r.agency_responsible, r.service_notice, r.requested_datetime, r.updated_datetime, r.expected_datetime, r.address, r.address_id, r.zipcode, ST_Y(r.location), ST_X(r.location), r.media_urls[1] FROM service_requests r WHERE r.jurisdiction_ref = :jur AND NOT r.hidden AND r.service_ref <> ALL (:blackbox) AND r.updated_datetime >= :after ORDER BY r.updated_datetime, r.id LIMIT :limit;
EXPLAIN SELECT 1 FROM service_requests r WHERE r.jurisdiction_ref = :jur AND NOT r.hidden AND r.service_ref <> ALL (:blackbox) AND r.updated_datetime >= :after;
