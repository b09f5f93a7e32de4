-- The city's side: updates pushed by external systems (mySociety servicerequestupdates), duplicates.

-- An update pushed by a CRM or FixMyStreet: idempotent on (client, update_id).
CREATE TABLE request_updates (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    api_client_ref        bigint      NOT NULL REFERENCES api_clients (id),
    update_id             text        NOT NULL,
    request_ref           bigint      NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
    history_ref           bigint      NOT NULL REFERENCES request_history (id) ON DELETE CASCADE,
    payload_hash          text        NOT NULL,
    external_status_code  text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    UNIQUE (api_client_ref, update_id)
);

ALTER TABLE service_requests ADD COLUMN duplicate_of_ref bigint REFERENCES service_requests (id);

-- GET servicerequestupdates reads the public history of a jurisdiction in a time window.
CREATE INDEX request_history_changed_idx ON request_history (changed_at, id) WHERE public;
-- Staff list overdue requests: open ones past their expected datetime.
CREATE INDEX service_requests_overdue_idx ON service_requests (jurisdiction_ref, expected_datetime)
    WHERE status = 'open' AND expected_datetime IS NOT NULL;
-- Duplicate hints look for open requests of one service near a point.
CREATE INDEX service_requests_open_geography_idx ON service_requests USING gist ((location::geography))
    WHERE status = 'open';
