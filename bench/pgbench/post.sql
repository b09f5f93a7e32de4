-- POST /open311/v2/requests.json, written by hand: the statements the server's transaction issues for a
-- pothole report with one attribute answer and a submitter e-mail, in its order and with its SQL text, as
-- PostgreSQL's statement log of 2026-12-07 shows them (the API key's client comes from the node's memory and
-- is not read; both reminder timers in one INSERT; the event, its mails and webhook deliveries in one
-- statement). Where the server binds a parameter this script has a literal or a pgbench variable, and values
-- the server computes in Java (the event id, the times, the event's payload) are computed here in SQL, by the
-- first statement. Not checked automatically like the list statements: it drifts when the POST path changes.
-- Variables (pgbench -D): jur, client (the demo key's api_clients id), actor ('api_client:' and its name),
-- service (the POTHOLE service id), since (now - 30 days: the duplicate-hint window).
\set lon -89.6501 + random(-1000, 1000) * 0.0000935
\set lat 39.7817 + random(-1000, 1000) * 0.0000720
BEGIN;
SELECT gen_random_uuid() AS event_id, date_trunc('second', now()) AS at, date_trunc('second', now()) + interval '5 days' AS expected,
       date_trunc('second', now()) + interval '2 days' AS reminder,
       '{"type":"request.created","data":{"schema_version": 1,"jurisdiction_id":"riverton.example","sequence": 1,"actor":{"type":"api_client","id":"Demo key (public)"},"changes":{"status":"open","detailed_status":"received"},"priority":"normal","request":{"status":"open","service_name":"Pothole","service_code":"POTHOLE","description":"Deep hole in the right lane","agency_responsible":"Department of Streets","service_notice":"Potholes are usually patched within 5 working days.","address":"123 Main St","extended_attributes":{"detailed_status":"received","media_urls":[]}}}}' AS payload \gset
SELECT service_request_id,
       ST_Distance(location::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography),
       requested_datetime
  FROM service_requests
 WHERE status = 'open' AND NOT hidden AND jurisdiction_ref = :jur AND service_ref = :service
   AND requested_datetime >= :since
   AND ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, 50)
 ORDER BY 2, id LIMIT 5;
SELECT name FROM agencies
 WHERE jurisdiction_ref = :jur AND area IS NOT NULL
   AND ST_Covers(area, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))
 ORDER BY ST_Area(area), id LIMIT 1;
insert into service_requests (acknowledged_at,address,address_id,agency_responsible,api_client_ref,assignee,channel,closed_at,description,detailed_status,duplicate_of_ref,escalation_level,expected_datetime,hidden,jurisdiction_ref,location,media_urls,priority,reopen_count,requested_datetime,service_notice,service_ref,status,status_notes,updated_datetime,version,work_order_id,work_order_system,work_order_url,zipcode) values (NULL,'123 Main St',NULL,'Department of Streets',:client,NULL,'app',NULL,'Deep hole in the right lane','received',NULL,0,:expected,false,:jur,ST_SetSRID(ST_MakePoint(:lon, :lat), 4326),'{}','normal',0,:at,'Potholes are usually patched within 5 working days.',:service,'open',NULL,:at,0,NULL,NULL,NULL,NULL) returning id,service_request_id,token \gset r_
insert into request_history (action,actor,changed_at,changes,note,request_ref,public) values ('created',:actor,:at,'{"status": "open", "detailed_status": "received"}','Request opened',:r_id,true);
INSERT INTO request_timers (request_ref, kind, due_at, step) VALUES (:r_id, 'still_received', :reminder, 1), (:r_id, 'overdue', :expected, 1) ON CONFLICT (request_ref, kind) DO UPDATE SET due_at = EXCLUDED.due_at, step = EXCLUDED.step;
WITH e AS (
    INSERT INTO events (event_id, event_type, jurisdiction_ref, request_ref, request_seq, service_ref,
                        agency, occurred_at, payload, staff_only, internal_note_ref)
    VALUES (CAST(:event_id AS uuid), 'request.created', :jur, CAST(:r_id AS bigint), CAST(1 AS integer),
            CAST(:service AS bigint), CAST('Department of Streets' AS text), :at, CAST(:payload AS jsonb), false,
            CAST(NULL AS bigint))
    RETURNING id),
m AS (
    INSERT INTO mail_jobs (event_ref, request_ref, audience, kind)
    SELECT e.id, CAST(:r_id AS bigint), m.audience, m.kind
      FROM e, unnest(CAST('{}' AS text[]), CAST('{}' AS text[])) AS m (audience, kind))
INSERT INTO webhook_deliveries (subscription_ref, event_ref, request_ref, request_seq)
SELECT s.id, e.id, CAST(:r_id AS bigint), CAST(1 AS integer)
  FROM e, webhook_subscriptions s
 WHERE s.active AND s.jurisdiction_ref = :jur AND 'request.created' = ANY (s.event_types)
   AND (s.service_codes IS NULL OR CAST('POTHOLE' AS text) = ANY (s.service_codes))
   AND (s.agency IS NULL OR lower(s.agency) = lower(CAST('Department of Streets' AS text)))
   AND (s.staff_view OR NOT false);
insert into request_submitters (account_id,device_id,email,first_name,last_name,locale,phone,request_ref) values (NULL,NULL,'bench@example.org',NULL,NULL,NULL,NULL,:r_id);
insert into request_attributes (value,request_ref,attribute_code,position) values ('deep',:r_id,'DEPTH',0);
COMMIT;
