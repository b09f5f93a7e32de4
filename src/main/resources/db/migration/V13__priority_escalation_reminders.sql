-- Priority, escalation chains, reminders, custom messages and per-service department addresses.

-- A request's priority: from its service's default, raised by attribute answers the service names, or set by
-- staff. Rules are [{"attribute": "LIVE", "value": "yes", "priority": "emergency"}].
ALTER TABLE services ADD COLUMN default_priority text NOT NULL DEFAULT 'normal'
    CHECK (default_priority IN ('normal', 'high', 'emergency'));
ALTER TABLE services ADD COLUMN priority_rules jsonb NOT NULL DEFAULT '[]';
-- Where a department is told of this service's requests, instead of the agency's own mailbox.
ALTER TABLE services ADD COLUMN mail_addresses text[];

ALTER TABLE service_requests ADD COLUMN priority text NOT NULL DEFAULT 'normal'
    CHECK (priority IN ('normal', 'high', 'emergency'));
-- The first change by staff or a city system: it stops the escalation chain.
ALTER TABLE service_requests ADD COLUMN acknowledged_at timestamptz;
-- How many times nobody's acknowledgement has been escalated to the supervisors so far.
ALTER TABLE service_requests ADD COLUMN escalation_level integer NOT NULL DEFAULT 0;

-- The agency's on-call mailbox: told at once of a request whose priority has an escalation chain.
ALTER TABLE agencies ADD COLUMN on_call_addresses text[];

-- Per jurisdiction and priority: who is told at once (the agency's on-call addresses and these), and who is
-- told when nobody acknowledged the request within the limit, again after each further limit, up to a count.
CREATE TABLE escalation_chains (
    jurisdiction_ref            bigint   NOT NULL REFERENCES jurisdictions (id),
    priority                    text     NOT NULL CHECK (priority IN ('normal', 'high', 'emergency')),
    on_call_addresses           text[],
    acknowledge_within_minutes  integer  NOT NULL CHECK (acknowledge_within_minutes BETWEEN 1 AND 10080),
    supervisor_addresses        text[]   NOT NULL,
    max_escalations             integer  NOT NULL CHECK (max_escalations BETWEEN 1 AND 20),
    PRIMARY KEY (jurisdiction_ref, priority)
);

-- Reminders to the responsible department: a request still 'received' after this many hours (NULL: none),
-- and an open request past its expected datetime.
ALTER TABLE jurisdictions ADD COLUMN remind_received_after_hours integer
    CHECK (remind_received_after_hours BETWEEN 1 AND 8760);
ALTER TABLE jurisdictions ADD COLUMN remind_when_overdue boolean NOT NULL DEFAULT false;

-- What must happen later to a request unless something happens first. Written in the transaction of the change
-- that sets it (so it survives restarts), fired by whichever node claims it first (FOR UPDATE SKIP LOCKED), and
-- fired in one transaction with its effect (so it fires once). At most one timer of each kind per request.
CREATE TABLE request_timers (
    request_ref  bigint      NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
    kind         text        NOT NULL CHECK (kind IN ('escalation', 'still_received', 'overdue')),
    due_at       timestamptz NOT NULL,
    step         integer     NOT NULL DEFAULT 1,
    PRIMARY KEY (request_ref, kind)
);
CREATE INDEX request_timers_due_idx ON request_timers (due_at);

-- Escalations go to on-call and supervisor mailboxes.
ALTER TABLE mail_jobs DROP CONSTRAINT mail_jobs_audience_check;
ALTER TABLE mail_jobs ADD CONSTRAINT mail_jobs_audience_check
    CHECK (audience IN ('citizen', 'department', 'on_call', 'supervisor'));
