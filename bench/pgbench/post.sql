-- POST /open311/v2/requests.json, written by hand: the statements the server's transaction issues for a
-- pothole report with one attribute answer and a submitter e-mail, in its order, as PostgreSQL's statement
-- log shows them (Hibernate's column lists; values computed in SQL where pgbench cannot build them, e.g.
-- the SR- number and the token). The once-a-minute last_used_at update of the API key is left out.
-- This is an approximation of the write path for comparison only: no target applies to its ratio. Taken
-- from the statement log of 2026-11-22 (with the duplicate-hint search of that day's server); it is not
-- checked automatically like the list statements, so it drifts when the POST path changes.
-- Variables (pgbench -D): jur, keyhash (SHA-256 of the demo key), client (its api_clients id), actor
-- ('api_client:' and its name; a colon cannot appear in a pgbench script outside a variable), service
-- (the POTHOLE service id), since (now - 30 days: the duplicate-hint window).
\set lon -89.6501 + random(-1000, 1000) * 0.0000935
\set lat 39.7817 + random(-1000, 1000) * 0.0000720
BEGIN;
select ace1_0.id,ace1_0.created_at,ace1_0.jurisdiction_ref,ace1_0.key_hash,ace1_0.key_prefix,ace1_0.last_used_at,ace1_0.name,ace1_0.revoked_at,ace1_0.scopes from api_clients ace1_0 where ace1_0.key_hash=:keyhash fetch first 1 rows only;
SELECT service_request_id,
       ST_Distance(location::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography),
       requested_datetime
  FROM service_requests
 WHERE status = 'open' AND jurisdiction_ref = :jur AND service_ref = :service AND requested_datetime >= :since
   AND ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, 50)
 ORDER BY 2, id LIMIT 5;
SELECT nextval('service_request_number') AS n \gset
SELECT name FROM agencies
 WHERE jurisdiction_ref = :jur AND area IS NOT NULL
   AND ST_Covers(area, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))
 ORDER BY ST_Area(area), id LIMIT 1;
insert into service_requests (address,address_id,agency_responsible,api_client_ref,description,detailed_status,duplicate_of_ref,expected_datetime,jurisdiction_ref,location,media_urls,requested_datetime,service_notice,service_ref,service_request_id,status,status_notes,token,updated_datetime,version,zipcode) values ('123 Main St',NULL,'Department of Streets',:client,'Deep hole in the right lane','received',NULL,date_trunc('second', now()) + interval '5 days',:jur,ST_SetSRID(ST_MakePoint(:lon, :lat), 4326),'{}',date_trunc('second', now()),'Potholes are usually patched within 5 working days.',:service,'SR-' || lpad(:n::text, 7, '0'),'open',NULL,gen_random_uuid(),date_trunc('second', now()),0,NULL)
RETURNING * \gset r_
insert into request_submitters (account_id,device_id,email,first_name,last_name,phone,request_ref) values (NULL,NULL,'bench@example.org',NULL,NULL,NULL,:r_id);
insert into request_attributes (value,request_ref,attribute_code,position) values ('deep',:r_id,'DEPTH',0);
insert into request_history (action,actor,changed_at,changes,note,request_ref,public) values ('created',:actor,date_trunc('second', now()),'{"status": "open", "detailed_status": "received"}','Request opened',:r_id,true)
RETURNING * \gset h_
COMMIT;
