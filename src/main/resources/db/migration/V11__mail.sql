-- Mail to citizens and departments, queued with the event that causes it (in the change's transaction) and
-- sent by workers after commit. Recipients are resolved when the mail is sent, so an opt-out or a new agency
-- address made in between counts.
CREATE TABLE mail_jobs (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_ref        bigint      NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    request_ref      bigint      REFERENCES service_requests (id) ON DELETE CASCADE,
    audience         text        NOT NULL CHECK (audience IN ('citizen', 'department')),
    kind             text        NOT NULL,
    state            text        NOT NULL DEFAULT 'pending'
                                 CHECK (state IN ('pending', 'sent', 'no_recipient', 'opted_out', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    recipients       text[],
    last_error       text
);
CREATE INDEX mail_jobs_due_idx ON mail_jobs (next_attempt_at) WHERE state = 'pending';
CREATE INDEX mail_jobs_request_idx ON mail_jobs (request_ref, id);

-- Where a department is told of new and reassigned requests.
ALTER TABLE agencies ADD COLUMN mail_addresses text[];

-- The language the citizen filed in: their mail is written in it.
ALTER TABLE request_submitters ADD COLUMN locale text;

-- Opt-outs from the unsubscribe link: for one request, or (request_ref NULL) for every request of the
-- address. The address is kept only as a SHA-256 of its lower-case form.
CREATE TABLE mail_opt_outs (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_ref  bigint      NOT NULL REFERENCES jurisdictions (id),
    email_hash        text        NOT NULL,
    request_ref       bigint      REFERENCES service_requests (id) ON DELETE CASCADE,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX mail_opt_outs_uniq ON mail_opt_outs (jurisdiction_ref, email_hash, coalesce(request_ref, 0));

-- A jurisdiction's own wording of a mail, per kind and locale; shipped defaults apply where there is none.
CREATE TABLE mail_templates (
    jurisdiction_ref  bigint      NOT NULL REFERENCES jurisdictions (id),
    kind              text        NOT NULL,
    locale            text        NOT NULL,
    subject           text        NOT NULL,
    text_body         text        NOT NULL,
    html_body         text,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (jurisdiction_ref, kind, locale)
);
