-- Retention of personal data: a jurisdiction's period after close (null: kept), after which the submitter's
-- personal data (e-mail, phone, names, device and account ids, and the addresses of the mail sent to them) is
-- erased. Each erasure, scheduled or asked for (the right to erasure), leaves a receipt: what was erased, when,
-- by whom; never the personal data itself (a request's subject is kept as the SHA-256 of the address).
ALTER TABLE jurisdictions ADD COLUMN retention_days integer CHECK (retention_days > 0);

CREATE TABLE personal_data_erasures (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_ref bigint      NOT NULL REFERENCES jurisdictions (id),
    reason           text        NOT NULL CHECK (reason IN ('retention', 'request')),
    subject_sha256   text,
    request_ids      text[]      NOT NULL,
    actor            text        NOT NULL,
    erased_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX personal_data_erasures_idx ON personal_data_erasures (jurisdiction_ref, erased_at DESC, id DESC);

-- Every staff read of a request's personal data: who, when.
CREATE TABLE personal_data_reads (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_ref bigint      NOT NULL REFERENCES jurisdictions (id),
    request_ref      bigint      NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
    actor            text        NOT NULL,
    read_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX personal_data_reads_idx ON personal_data_reads (jurisdiction_ref, read_at DESC, id DESC);
CREATE INDEX personal_data_reads_request_idx ON personal_data_reads (request_ref, read_at DESC, id DESC);
