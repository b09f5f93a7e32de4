-- Service requests, what their submitters told us, and everything that happened to them.

CREATE SEQUENCE service_request_number;

CREATE TABLE service_requests (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the public id: opaque to clients, never the primary key
    service_request_id  text        NOT NULL UNIQUE
                        DEFAULT ('SR-' || lpad(nextval('service_request_number')::text, 7, '0')),
    token               uuid        NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    jurisdiction_ref    bigint      NOT NULL REFERENCES jurisdictions (id),
    service_ref         bigint      NOT NULL REFERENCES services (id),
    status              text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    detailed_status     text        NOT NULL DEFAULT 'received',
    status_notes        text,
    agency_responsible  text,
    service_notice      text,
    requested_datetime  timestamptz NOT NULL DEFAULT now(),
    updated_datetime    timestamptz NOT NULL DEFAULT now(),
    expected_datetime   timestamptz,
    address             text,
    address_id          text,
    zipcode             text,
    location            geometry(Point, 4326),
    description         text CHECK (char_length(description) <= 4000),
    media_urls          text[]      NOT NULL DEFAULT '{}',
    api_client_ref      bigint,
    version             integer     NOT NULL DEFAULT 0,
    -- full-text search over what citizens and staff wrote ('simple': cities speak many languages)
    search_vector       tsvector GENERATED ALWAYS AS (
                            to_tsvector('simple', coalesce(description, '') || ' ' || coalesce(address, '')
                                                  || ' ' || coalesce(status_notes, ''))) STORED
);

-- GET requests: newest first with the id as tie-break, per jurisdiction (also serves keyset paging)
CREATE INDEX service_requests_requested_idx ON service_requests (jurisdiction_ref, requested_datetime DESC, id DESC);
-- incremental sync by last change
CREATE INDEX service_requests_updated_idx ON service_requests (jurisdiction_ref, updated_datetime, id);
CREATE INDEX service_requests_status_idx ON service_requests (jurisdiction_ref, status, requested_datetime DESC, id DESC);
CREATE INDEX service_requests_service_idx ON service_requests (service_ref, requested_datetime DESC, id DESC);
-- bounding boxes use the geometry, radii in metres the geography: each needs its own index
CREATE INDEX service_requests_location_idx ON service_requests USING gist (location);
CREATE INDEX service_requests_geography_idx ON service_requests USING gist ((location::geography));
CREATE INDEX service_requests_search_idx ON service_requests USING gin (search_vector);

-- Personal data of the submitter, kept apart from what is published.
CREATE TABLE request_submitters (
    request_ref  bigint PRIMARY KEY REFERENCES service_requests (id) ON DELETE CASCADE,
    email        text,
    phone        text,
    first_name   text,
    last_name    text,
    device_id    text,
    account_id   text
);

-- Answers to the service definition's attributes; a multivaluelist answer is several rows.
CREATE TABLE request_attributes (
    request_ref     bigint  NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
    attribute_code  text    NOT NULL,
    position        integer NOT NULL,
    value           text    NOT NULL,
    PRIMARY KEY (request_ref, attribute_code, position)
);

-- Uploaded media, kept in the database so that an acknowledged upload is as durable as its request.
CREATE TABLE request_media (
    id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    request_ref   bigint      NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
    content_type  text        NOT NULL,
    file_name     text,
    bytes         bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_media_request_idx ON request_media (request_ref);

-- Who changed what, when. Public entries are shown to citizens; the others never are.
CREATE TABLE request_history (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_ref  bigint      NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    actor        text        NOT NULL,
    action       text        NOT NULL,
    changes      jsonb       NOT NULL DEFAULT '{}',
    note         text,
    public       boolean     NOT NULL DEFAULT true
);
CREATE INDEX request_history_request_idx ON request_history (request_ref, changed_at, id);

-- API clients: the Open311 api_key, stored only as a SHA-256 hash.
CREATE TABLE api_clients (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_ref  bigint      REFERENCES jurisdictions (id),   -- null: every jurisdiction
    name              text        NOT NULL,
    key_prefix        text        NOT NULL,                         -- first characters, to recognise a key in lists
    key_hash          text        NOT NULL UNIQUE,
    scopes            text[]      NOT NULL DEFAULT '{create_requests}',
    created_at        timestamptz NOT NULL DEFAULT now(),
    revoked_at        timestamptz,
    last_used_at      timestamptz
);

ALTER TABLE service_requests ADD CONSTRAINT service_requests_api_client_fk
    FOREIGN KEY (api_client_ref) REFERENCES api_clients (id);
