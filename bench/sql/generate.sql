-- The benchmark city: :rows service requests of the demo jurisdiction over the last :span.
--
--   psql -v rows=1000000 -v span='5 years' -v jurisdiction=riverton.example -v generator=<checksum of this file> \
--        -f bench/sql/generate.sql
--
-- bench.sh makes the main city with five years of history and the small one (the growth comparison) with
-- the same number of requests per day over a proportionally shorter span: the same city, younger.
--
-- Runs on a database whose schema Flyway created and whose catalogue the demo profile loaded (20
-- service types, the Old Town agency area, the demo API key). It replaces every request of the
-- database, in one transaction, and loads into the indexed table: the indexes are the ones of the
-- Flyway migration, nothing is dropped or re-created here.
--
-- Shape, chosen to look like a mid-sized US city's 311 history:
--   * time: uniform over :span ending now, ids in time order (as real inserts produce), so the
--     heap is ordered by time and scattered in space, like a real table;
--   * space: 45 % downtown (a normal distribution of about 1 km around the city centre 39.7817,
--     -89.6501), 25 % around four neighbourhood centres (about 600 m), 29 % uniform over a 16 x 16 km
--     suburban box, 1 % without a location (address only);
--   * services: all 20 demo services with skewed weights (potholes, streetlights and missed
--     collections most common);
--   * status: 81 % of requests get resolved, 1 hour to about a month after intake (the square of a
--     uniform draw, so most within days); a request is closed if that moment has passed, which makes
--     about 80 % closed overall and most of the last weeks open. Closed requests were last updated when
--     they were closed; open ones at a first triage within four days of intake (never in the future);
--   * statistics: closed_at for closed requests, acknowledged_at for 70 % (within a day), 3 % reopened once;
--   * side tables: a submitter for 30 % of requests, an attribute answer for a fifth of the potholes,
--     public history (created, closed) for 10 % of requests.
\set ON_ERROR_STOP on
\timing off
SET client_min_messages = warning;

BEGIN;
SET LOCAL work_mem = '256MB';
SET LOCAL synchronous_commit = off;   -- one bulk transaction; the data is reproducible
SET LOCAL jit = off;
-- Bulk-load settings (superuser): skip the per-row foreign-key triggers (every reference is taken from
-- the services table itself) and let the full-text GIN index collect its entries in the pending list,
-- which the VACUUM at the end merges in one pass. Every index is still maintained by the load.
SET LOCAL session_replication_role = replica;
SET LOCAL gin_pending_list_limit = '1GB';

-- CASCADE: every table that references the requests (submitters, attributes, media, history, and whatever
-- later migrations add) is emptied with them.
TRUNCATE service_requests RESTART IDENTITY CASCADE;

CREATE TEMP TABLE bench_services ON COMMIT DROP AS
SELECT s.id, s.service_code, s.jurisdiction_ref, s.default_agency, s.service_notice, s.expected_response,
       w.weight, w.open_text, w.closed_text
  FROM services s
  JOIN jurisdictions j ON j.id = s.jurisdiction_ref
  JOIN (VALUES
        ('POTHOLE', 16, 'Deep hole in the right lane, cars swerving around it.', 'Repaired with hot asphalt.'),
        ('STREETLIGHT', 12, 'Light out for three nights, the corner is very dark.', 'Lamp replaced.'),
        ('SIGN', 4, 'Stop sign knocked over at the intersection.', 'Sign re-installed.'),
        ('TRAFFIC-LIGHT', 3, 'Signal flashing red in all directions.', 'Controller reset.'),
        ('SNOW', 5, 'Street not ploughed since Monday, buses cannot pass.', 'Ploughed.'),
        ('SLIPPERY', 2, 'Black ice on the bridge deck.', 'Gritted.'),
        ('MANHOLE', 2, 'Cover rocking loudly when cars pass.', 'Cover re-seated.'),
        ('HYDRANT', 2, 'Water seeping from the hydrant base onto the sidewalk.', 'Valve replaced.'),
        ('NO-WATER', 2, 'No water since this morning in the whole building.', 'Main repaired; service restored.'),
        ('GRAFFITI', 8, 'Tags on the underpass wall, getting bigger every week.', 'Graffiti removed.'),
        ('MISSED-COLLECTION', 12, 'Recycling not picked up on the scheduled day.', 'Collected.'),
        ('LITTER-BIN', 6, 'Bin overflowing at the bus stop, litter blowing around.', 'Emptied.'),
        ('HAZ-WASTE', 2, 'Old paint cans and car batteries to collect.', 'Collected.'),
        ('ROADKILL', 3, 'Dead deer on the shoulder of the road.', 'Removed.'),
        ('NOISE', 6, 'Loud music every night after midnight.', 'Passed to the night patrol.'),
        ('ANIMAL', 3, 'Loose dog near the school entrance.', 'Animal Control attended; owner found.'),
        ('WIRES', 1, 'Cable hanging low over the sidewalk.', 'Utility made safe.'),
        ('TREE-PLANT', 2, 'Please plant a street tree in front of the house.', 'Planting scheduled for spring.'),
        ('TREE-PRUNE', 6, 'Branches blocking the stop sign and the streetlight.', 'Pruned.'),
        ('TREE-REMOVE', 3, 'Dead tree leaning over the road after the storm.', 'Tree removed.'))
       AS w(code, weight, open_text, closed_text) ON w.code = s.service_code
 WHERE j.jurisdiction_id = :'jurisdiction';

DO $$ BEGIN
  IF (SELECT count(*) FROM bench_services) <> 20 THEN
    RAISE EXCEPTION 'expected the 20 demo services (start the server once with -Dquarkus.profile=demo)';
  END IF;
END $$;

WITH params AS (
    SELECT date_trunc('second', now()) - :'span'::interval AS t0,
           (date_trunc('second', now()) - (date_trunc('second', now()) - :'span'::interval)) / :rows AS step,
           (SELECT array_agg(b.id ORDER BY b.id) FROM bench_services b, generate_series(1, b.weight)) AS slots,
           ARRAY['Main St', 'Oak St', 'Washington Ave', 'Lincoln Blvd', 'Elm St', 'River Rd', 'Maple Ave',
                 'Jefferson St', 'Park Ave', 'Cedar Ln', 'Monroe St', 'Lake Dr', 'Grand Ave', 'Mill St',
                 'Adams St', 'Walnut St', 'Ash Ave', 'Spring St', 'College Ave', 'Laurel St'] AS streets,
           ARRAY['Seen this morning.', 'Please fix soon.', 'Reported by a neighbour as well.',
                 'It has been like this for a week.', 'Near the school crossing.', 'Children walk here every day.',
                 'Right in front of the pharmacy.', ''] AS extras),
drawn AS (
    SELECT g, p.t0 + (g - 1 + random()) * p.step AS requested,
           p.slots[1 + floor(random() * cardinality(p.slots))::int] AS service_id,
           random() AS kind, random() AS u1, random() AS u2, random() AS u3, random() AS u4, random() AS r_status,
           random() AS r_update, random() AS r_triage, random() AS r_media,
           p.streets[1 + (g * 7919) % cardinality(p.streets)] AS street,
           p.extras[1 + floor(random() * cardinality(p.extras))::int] AS extra
      FROM generate_series(1::bigint, :rows) AS g, params p),
placed AS (
    SELECT d.*, date_trunc('second', d.requested) AS requested_s,
           -- Box-Muller: a normal deviate pair from two uniforms
           sqrt(-2 * ln(1 - d.u1)) * cos(2 * pi() * d.u2) AS z1,
           sqrt(-2 * ln(1 - d.u1)) * sin(2 * pi() * d.u2) AS z2,
           (ARRAY[-89.6120, -89.6900, -89.6350, -89.6800])[1 + floor(d.u3 * 4)::int] AS hood_lon,
           (ARRAY[39.8050, 39.7950, 39.7550, 39.7620])[1 + floor(d.u3 * 4)::int] AS hood_lat
      FROM drawn d),
located AS (
    SELECT p.*,
           CASE WHEN p.kind < 0.45 THEN ST_SetSRID(ST_MakePoint(-89.6501 + p.z1 * 0.0117, 39.7817 + p.z2 * 0.0090), 4326)
                WHEN p.kind < 0.70 THEN ST_SetSRID(ST_MakePoint(p.hood_lon + p.z1 * 0.0070, p.hood_lat + p.z2 * 0.0054), 4326)
                WHEN p.kind < 0.99 THEN ST_SetSRID(ST_MakePoint(-89.6501 + (p.u4 - 0.5) * 0.187, 39.7817 + (p.u1 - 0.5) * 0.144), 4326)
           END AS location,
           p.r_status < 0.81
             AND date_trunc('second', p.requested) + interval '1 hour' + p.r_update * p.r_update * interval '30 days' <= now()
             AS closed
      FROM placed p)
INSERT INTO service_requests (service_request_id, jurisdiction_ref, service_ref, status, detailed_status, status_notes,
                              agency_responsible, service_notice, requested_datetime, updated_datetime, expected_datetime,
                              address, zipcode, location, description, media_urls, closed_at, acknowledged_at,
                              reopen_count)
SELECT 'SR-' || CASE WHEN l.g < 10000000 THEN lpad(l.g::text, 7, '0') ELSE l.g::text END,
       s.jurisdiction_ref, s.id,
       CASE WHEN l.closed THEN 'closed' ELSE 'open' END,
       CASE WHEN l.closed THEN 'resolved' WHEN l.r_triage < 0.5 THEN 'in_progress' ELSE 'received' END,
       CASE WHEN l.closed THEN s.closed_text END,
       CASE WHEN l.location IS NOT NULL AND l.location && ST_MakeEnvelope(-89.6560, 39.7960, -89.6440, 39.8060, 4326)
            THEN 'Old Town District Office' ELSE s.default_agency END,
       s.service_notice,
       l.requested_s,
       -- closed: when it was closed; open: a first triage within four days, and not after now
       date_trunc('second', l.requested_s + CASE WHEN l.closed
            THEN interval '1 hour' + l.r_update * l.r_update * interval '30 days'
            ELSE l.r_triage * least(now() - l.requested_s, interval '4 days') END),
       l.requested_s + s.expected_response,
       (100 + (l.g * 37) % 2900)::text || ' ' || l.street || ', Riverton',
       (62701 + (l.g * 13) % 12)::text,
       l.location,
       s.open_text || CASE WHEN l.extra = '' THEN '' ELSE ' ' || l.extra END,
       CASE WHEN l.r_media < 0.08 THEN ARRAY['https://media.riverton.example/photos/' || l.g || '.jpg'] ELSE '{}' END,
       -- closed when it was last updated; acknowledged (by a first staff change) for 70 %, within a day and
       -- never after it was closed; 3 % reopened once
       CASE WHEN l.closed THEN date_trunc('second', l.requested_s + interval '1 hour' + l.r_update * l.r_update * interval '30 days') END,
       CASE WHEN l.r_triage < 0.7 THEN least(date_trunc('second', l.requested_s + l.r_triage * interval '1 day'),
            CASE WHEN l.closed THEN date_trunc('second', l.requested_s + interval '1 hour' + l.r_update * l.r_update * interval '30 days') END,
            now()) END,
       CASE WHEN l.r_media > 0.97 THEN 1 ELSE 0 END
  FROM located l
  JOIN bench_services s ON s.id = l.service_id
 ORDER BY l.g;

SELECT setval('service_request_number', :rows) AS sequence_at \gset

INSERT INTO request_submitters (request_ref, email, phone, first_name, account_id)
SELECT id, 'resident' || id || '@example.org', CASE WHEN id % 3 = 0 THEN '+1217555' || lpad((id % 10000)::text, 4, '0') END,
       (ARRAY['Ana', 'Ben', 'Chen', 'Dana', 'Eli', 'Fatima', 'Gus', 'Hana'])[1 + id % 8], NULL
  FROM service_requests WHERE id % 10 < 3;

INSERT INTO request_attributes (request_ref, attribute_code, position, value)
SELECT r.id, 'DEPTH', 0, (ARRAY['shallow', 'deep', 'dangerous'])[1 + r.id % 3]
  FROM service_requests r JOIN bench_services s ON s.id = r.service_ref
 WHERE s.service_code = 'POTHOLE' AND r.id % 5 = 0;

INSERT INTO request_history (request_ref, changed_at, actor, action, changes, note)
SELECT id, requested_datetime, 'api_client:Demo key (public)', 'created',
       jsonb_build_object('status', 'open', 'detailed_status', 'received'), 'Request opened'
  FROM service_requests WHERE id % 10 = 0
UNION ALL
SELECT id, updated_datetime, 'staff:crew', 'closed',
       jsonb_build_object('status', 'closed', 'detailed_status', 'resolved'), status_notes
  FROM service_requests WHERE id % 10 = 0 AND status = 'closed';

CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL);
DELETE FROM bench_meta;
INSERT INTO bench_meta VALUES ('rows', :'rows'), ('span', :'span'), ('generated_at', now()::text), ('generator', :'generator');

COMMIT;

VACUUM ANALYZE service_requests;
VACUUM ANALYZE request_submitters;
VACUUM ANALYZE request_attributes;
VACUUM ANALYZE request_history;
