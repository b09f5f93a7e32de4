-- Information calls (opening hours, where to get a bin): an informational service answers with its service_notice
-- and creates no work item; each such contact is counted, by service and channel, for the statistics.
ALTER TABLE services ADD COLUMN informational boolean NOT NULL DEFAULT false;

CREATE TABLE information_contacts (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_ref bigint      NOT NULL REFERENCES jurisdictions (id),
    service_ref      bigint      NOT NULL REFERENCES services (id),
    channel          text        NOT NULL
        CHECK (channel IN ('phone', 'email', 'walk_in', 'chat', 'social', 'web', 'app')),
    api_client_ref   bigint      REFERENCES api_clients (id),
    actor            text        NOT NULL,
    note             text        CHECK (char_length(note) <= 4000),
    contacted_at     timestamptz NOT NULL
);
CREATE INDEX information_contacts_idx ON information_contacts (jurisdiction_ref, contacted_at);
