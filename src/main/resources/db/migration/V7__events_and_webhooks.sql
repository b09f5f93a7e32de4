-- The transactional outbox: one row per fact, written in the transaction of the change itself, so an
-- event exists if and only if its change committed.
CREATE TABLE events (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id          uuid        NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    -- the writing transaction: the feed reads in (txid, id) order and only below the oldest running
    -- transaction, so an event that commits late is never skipped by a cursor that has moved past its id
    txid              xid8        NOT NULL DEFAULT pg_current_xact_id(),
    event_type        text        NOT NULL,
    jurisdiction_ref  bigint      NOT NULL REFERENCES jurisdictions (id),
    request_ref       bigint      REFERENCES service_requests (id) ON DELETE CASCADE,
    request_seq       integer,
    service_ref       bigint,
    agency            text,
    occurred_at       timestamptz NOT NULL DEFAULT now(),
    payload           jsonb       NOT NULL,
    UNIQUE (request_ref, request_seq)
);
CREATE INDEX events_feed_idx ON events (jurisdiction_ref, txid, id);

CREATE TABLE webhook_subscriptions (
    id                     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_ref       bigint      NOT NULL REFERENCES jurisdictions (id),
    api_client_ref         bigint      NOT NULL REFERENCES api_clients (id),
    url                    text        NOT NULL,
    event_types            text[]      NOT NULL,
    service_codes          text[],
    agency                 text,
    description            text,
    active                 boolean     NOT NULL DEFAULT true,
    secret                 text        NOT NULL,
    previous_secret        text,
    previous_secret_until  timestamptz,
    failing_since          timestamptz,
    disabled_reason        text,
    created_at             timestamptz NOT NULL DEFAULT now()
);

-- One row per event and subscription, fanned out with the event. Claimed with FOR UPDATE SKIP LOCKED and a
-- lease (next_attempt_at moves past the delivery timeout), so two nodes never send the same one at once and a
-- node that dies mid-delivery only delays it.
CREATE TABLE webhook_deliveries (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_ref  bigint      NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_ref         bigint      NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    request_ref       bigint,
    request_seq       integer,
    state             text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'given_up')),
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    created_at        timestamptz NOT NULL DEFAULT now(),
    delivered_at      timestamptz,
    UNIQUE (subscription_ref, event_ref)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_order_idx ON webhook_deliveries (subscription_ref, request_ref, request_seq)
    WHERE state = 'pending';

-- The delivery log: one row per attempt.
CREATE TABLE webhook_attempts (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_ref   bigint      NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempted_at   timestamptz NOT NULL DEFAULT now(),
    status_code    integer,
    latency_ms     integer     NOT NULL,
    response       text,
    error          text
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_ref, id);
