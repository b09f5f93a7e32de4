-- The same export at page 10,000, reached with the keyset cursor (page_token): the sort key and id of the
-- last row of page 9,999 bound the scan. Text of RequestSearch.sql(query) for a query with a page token.
-- Variables (pgbench -D): jur, after, key (updated_datetime of row 499,949), keyid (its id), limit (51).
SELECT r.id, r.service_request_id, r.status, r.status_notes, r.service_ref, r.description,
r.agency_responsible, r.service_notice, r.requested_datetime, r.updated_datetime, r.expected_datetime,
r.address, r.address_id, r.zipcode, ST_Y(r.location), ST_X(r.location), r.media_urls[1] FROM service_requests r WHERE r.jurisdiction_ref = :jur AND r.service_ref <> ALL (:blackbox) AND r.updated_datetime >= :after AND (r.updated_datetime, r.id) > (:key, :keyid) ORDER BY r.updated_datetime, r.id LIMIT :limit;
