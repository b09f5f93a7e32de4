-- The citizen's answer to the survey sent when a request closed: satisfaction 1-5, "is it fixed?" and a
-- comment. One answer per request (a second one replaces it). Never published; aggregates are for staff.
CREATE TABLE survey_answers (
    request_ref       bigint      PRIMARY KEY REFERENCES service_requests (id) ON DELETE CASCADE,
    jurisdiction_ref  bigint      NOT NULL REFERENCES jurisdictions (id),
    service_ref       bigint      NOT NULL REFERENCES services (id),
    satisfaction      smallint    CHECK (satisfaction BETWEEN 1 AND 5),
    fixed             boolean,
    comment           text,
    answered_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX survey_answers_service_idx ON survey_answers (jurisdiction_ref, service_ref);

-- Whether "not fixed" in a survey reopens a request of the service (off where a closed request should stay
-- closed, e.g. one-off events).
ALTER TABLE services ADD COLUMN reopen_when_not_fixed boolean NOT NULL DEFAULT true;
