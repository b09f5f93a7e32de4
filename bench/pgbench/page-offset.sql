-- The same export at page 10,000 asked with page=10000&page_size=50: OFFSET 499,950. Reported apart from the
-- cursor: this is the path the cursor exists to avoid. Generated from RequestListSql (make bench-sql).
-- Variables (pgbench -D): jur, after, limit (51), offset (499950).
SELECT r.id, r.service_request_id, r.status, r.status_notes, r.service_ref, r.description, r.agency_responsible, r.service_notice, r.requested_datetime, r.updated_datetime, r.expected_datetime, r.address, r.address_id, r.zipcode, ST_Y(r.location), ST_X(r.location), r.media_urls[1] FROM service_requests r WHERE r.jurisdiction_ref = :jur AND NOT r.hidden AND r.service_ref <> ALL (:blackbox) AND r.updated_datetime >= :after ORDER BY r.updated_datetime, r.id LIMIT :limit OFFSET :offset;
