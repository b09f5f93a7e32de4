-- Idempotent POST requests: a client that retries with the same Idempotency-Key gets the first answer back
-- instead of filing a second report. Written in the same transaction as the request it belongs to.
CREATE TABLE idempotency_keys (
    api_client_ref   bigint      NOT NULL REFERENCES api_clients (id),
    idempotency_key  text        NOT NULL,
    payload_hash     text        NOT NULL,
    answer           jsonb,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (api_client_ref, idempotency_key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
