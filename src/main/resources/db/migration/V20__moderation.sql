-- Moderation of what is published. A hidden request is left out of every public answer (pre-moderated
-- services file their requests hidden until staff approve them); staff redact a request's public description,
-- address or photos, and the values before the first redaction are kept here for staff only.
ALTER TABLE service_requests ADD COLUMN hidden boolean NOT NULL DEFAULT false;
ALTER TABLE services ADD COLUMN premoderated boolean NOT NULL DEFAULT false;
ALTER TABLE request_media ADD COLUMN withdrawn boolean NOT NULL DEFAULT false;

CREATE TABLE request_originals (
    request_ref  bigint PRIMARY KEY REFERENCES service_requests (id) ON DELETE CASCADE,
    description  text,
    address      text,
    media_urls   text[]      NOT NULL,
    moderated_at timestamptz NOT NULL,
    actor        text        NOT NULL
);

-- The public trends count a service's requests from an index alone and take the hidden ones away: this index
-- holds only those (few) rows.
CREATE INDEX service_requests_hidden_idx ON service_requests (service_ref, requested_datetime) WHERE hidden;
