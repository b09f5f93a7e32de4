-- What the statistics need that a request did not keep: when it was (last) closed and how often it was
-- reopened. Both are maintained by the write path (RequestJournal) in the transaction of the change, so a
-- statistic never has to replay the history.

ALTER TABLE service_requests ADD COLUMN closed_at timestamptz;          -- null while open
ALTER TABLE service_requests ADD COLUMN reopen_count integer NOT NULL DEFAULT 0;

-- Requests closed before this migration: the last history entry that closed them, else their last change.
UPDATE service_requests r
   SET closed_at = coalesce(
           (SELECT max(h.changed_at) FROM request_history h
             WHERE h.request_ref = r.id AND h.changes -> 'status' ->> 'to' = 'closed'),
           r.updated_datetime)
 WHERE r.status = 'closed';

UPDATE service_requests r
   SET reopen_count = h.reopened
  FROM (SELECT request_ref, count(*) AS reopened FROM request_history
         WHERE changes -> 'status' ->> 'from' = 'closed' AND changes -> 'status' ->> 'to' = 'open'
         GROUP BY request_ref) h
 WHERE h.request_ref = r.id;
