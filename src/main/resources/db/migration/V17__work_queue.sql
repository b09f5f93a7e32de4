-- How a request reached the city: call takers file phone, e-mail and counter reports; a public POST takes the
-- default channel of the API client it came through. Null: filed before channels were recorded.
ALTER TABLE api_clients ADD COLUMN default_channel text NOT NULL DEFAULT 'app'
    CHECK (default_channel IN ('phone', 'email', 'walk_in', 'chat', 'social', 'web', 'app'));
ALTER TABLE service_requests ADD COLUMN channel text
    CHECK (channel IN ('phone', 'email', 'walk_in', 'chat', 'social', 'web', 'app'));
UPDATE service_requests SET channel = 'app' WHERE api_client_ref IS NOT NULL;

-- The default work-queue view: the open requests of one agency, most urgent first, then oldest first. The rank
-- expression is the one WorkQueueSql orders by, so a page is a range read of this index.
CREATE INDEX service_requests_queue_idx ON service_requests (
    jurisdiction_ref,
    lower(agency_responsible),
    (CASE priority WHEN 'emergency' THEN 0 WHEN 'high' THEN 1 ELSE 2 END),
    requested_datetime,
    id)
    WHERE status = 'open';

-- Open requests by expected datetime (the service level), those without one last: the queue's
-- sort=expected_datetime and the overdue ones (the soonest due first), so it replaces the overdue index.
CREATE INDEX service_requests_expected_idx ON service_requests (
    jurisdiction_ref,
    coalesce(expected_datetime, 'infinity'::timestamptz),
    id)
    WHERE status = 'open';
DROP INDEX service_requests_overdue_idx;

-- "What else did this caller report?": exact e-mail (any case) and phone (digits only) lookups.
CREATE INDEX request_submitters_email_idx ON request_submitters (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX request_submitters_phone_idx ON request_submitters (regexp_replace(phone, '[^0-9]', '', 'g'))
    WHERE phone IS NOT NULL;

-- Staff free text also searches the notes of the history, internal ones included.
CREATE INDEX request_history_note_idx ON request_history USING gin (to_tsvector('simple', note))
    WHERE note IS NOT NULL;
