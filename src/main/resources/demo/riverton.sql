-- The demo city of Riverton: a believable 311 catalogue and a few hundred requests of the last months.
-- Loaded by DemoCityLoader (demo profile only) into the jurisdiction :'jurisdiction'.

INSERT INTO services (jurisdiction_ref, service_code, service_name, description, service_type, keywords, service_group,
                      default_agency, service_notice, expected_response)
SELECT j.id, v.code, v.name, v.description, v.type, v.keywords, v.grp, v.agency, v.notice, v.expected::interval
  FROM jurisdictions j,
  (VALUES
   ('POTHOLE', 'Pothole', 'A hole or sunken patch in the road surface.', 'realtime', 'pothole,road,asphalt,hole', 'Streets and Transportation', 'Department of Streets', 'Potholes are usually patched within 5 working days.', '5 days'),
   ('STREETLIGHT', 'Streetlight outage', 'A streetlight that is out, flickering or on during the day.', 'realtime', 'light,lamp,dark,streetlight', 'Streets and Transportation', 'Department of Streets', 'Lights are repaired within 10 days.', '10 days'),
   ('SIGN', 'Damaged or fallen road sign', 'A traffic or street-name sign that is damaged, missing or down.', 'realtime', 'sign,stop sign,traffic sign', 'Streets and Transportation', 'Department of Streets', NULL, '7 days'),
   ('TRAFFIC-LIGHT', 'Broken traffic light', 'A traffic signal that is dark, stuck or flashing.', 'realtime', 'signal,traffic light,intersection', 'Streets and Transportation', 'Traffic Engineering', 'Dangerous signals are attended within 4 hours.', '4 hours'),
   ('SNOW', 'Snow removal', 'A street or public sidewalk that has not been ploughed.', 'realtime', 'snow,plough,plow,ice', 'Streets and Transportation', 'Department of Streets', NULL, '2 days'),
   ('SLIPPERY', 'Slippery road', 'Ice or spilled material making a road slippery.', 'realtime', 'ice,slippery,grit,salt', 'Streets and Transportation', 'Department of Streets', NULL, '1 day'),
   ('MANHOLE', 'Displaced manhole cover', 'A manhole cover that is missing, broken or out of place.', 'realtime', 'manhole,cover,sewer', 'Water and Sewer', 'Water Department', 'Missing covers are made safe within 2 hours.', '2 hours'),
   ('HYDRANT', 'Leaky fire hydrant', 'A fire hydrant that leaks or is damaged.', 'realtime', 'hydrant,leak,water', 'Water and Sewer', 'Water Department', NULL, '3 days'),
   ('NO-WATER', 'No water service', 'No water, or very low pressure, at an address.', 'realtime', 'water,outage,pressure', 'Water and Sewer', 'Water Department', 'Call 911 if there is flooding.', '1 day'),
   ('GRAFFITI', 'Graffiti', 'Paint or tags on public property.', 'batch', 'graffiti,tag,vandalism,paint', 'Sanitation', 'Sanitation Department', NULL, '14 days'),
   ('MISSED-COLLECTION', 'Missed trash or recycling collection', 'Your trash, recycling or yard waste was not collected on the scheduled day.', 'realtime', 'trash,garbage,recycling,bin,collection', 'Sanitation', 'Sanitation Department', 'Missed collections are picked up on the next working day.', '2 days'),
   ('LITTER-BIN', 'Overflowing litter bin', 'A public litter bin that is full or overflowing.', 'realtime', 'litter,bin,trash can,overflow', 'Sanitation', 'Sanitation Department', NULL, '2 days'),
   ('HAZ-WASTE', 'Hazardous waste pick-up', 'Request a pick-up of paint, batteries, chemicals or electronics.', 'batch', 'hazardous,chemicals,paint,batteries', 'Sanitation', 'Sanitation Department', 'We will call you to schedule a pick-up.', '10 days'),
   ('RODENTS', 'Rats or rodents', 'Rats or mice seen outdoors, burrows, or droppings on public property.', 'realtime', 'rat,rats,mice,rodent,burrow', 'Sanitation', 'Sanitation Department', 'The pest control crew baits the block; keep bins closed.', '7 days'),
   ('ROADKILL', 'Dead animal on the road', 'A dead animal on a street or sidewalk.', 'realtime', 'dead animal,roadkill,carcass', 'Sanitation', 'Sanitation Department', NULL, '1 day'),
   ('NOISE', 'Noise complaint', 'Loud music, parties, barking or machinery.', 'blackbox', 'noise,loud,music,party', 'Public Safety', 'Police Non-Emergency', 'Noise reports are passed to the night patrol; they are not tracked individually.', NULL),
   ('CODE-ENFORCEMENT', 'Property code violation', 'An unsafe, abandoned or overgrown property, or work without a permit.', 'realtime', 'code,violation,abandoned,permit,overgrown', 'Public Safety', 'Code Enforcement', 'An inspector visits within 10 working days. Reports about a property are not published.', '14 days'),
   ('ANIMAL', 'Stray or dangerous animal', 'A stray, injured or dangerous animal.', 'realtime', 'dog,stray,animal,bite', 'Public Safety', 'Animal Control', 'Call 911 if someone is in danger.', '1 day'),
   ('WIRES', 'Fallen electrical wires', 'Power or utility lines that are down or hanging low.', 'realtime', 'wire,power line,electric,cable', 'Public Safety', 'Electric Utility', 'Stay at least 10 metres away from fallen wires.', '2 hours'),
   ('TREE-PLANT', 'Tree planting request', 'Ask for a new street tree in front of your property.', 'batch', 'tree,planting,new tree', 'Parks and Forestry', 'Forestry Division', NULL, '90 days'),
   ('TREE-PRUNE', 'Tree pruning', 'Branches over the street or sidewalk, or blocking a sign or light.', 'realtime', 'tree,branch,pruning,trim', 'Parks and Forestry', 'Forestry Division', NULL, '30 days'),
   ('TREE-REMOVE', 'Dead or dangerous tree removal', 'A dead, diseased or leaning street tree.', 'realtime', 'tree,removal,dead tree,fallen tree', 'Parks and Forestry', 'Forestry Division', NULL, '14 days'))
  AS v(code, name, description, type, keywords, grp, agency, notice, expected)
 WHERE j.jurisdiction_id = :'jurisdiction';

-- Reports about a neighbour's property are worked like any other but never published (a private service).
UPDATE services SET private = true
 WHERE service_code = 'CODE-ENFORCEMENT'
   AND jurisdiction_ref = (SELECT id FROM jurisdictions WHERE jurisdiction_id = :'jurisdiction');

-- Service definitions: together they use all six datatypes.
INSERT INTO service_attributes (service_ref, code, variable, datatype, required, datatype_description, attribute_order, description)
SELECT s.id, a.code, a.variable, a.datatype, a.required, a.dd, a.ord, a.description
  FROM services s JOIN jurisdictions j ON j.id = s.jurisdiction_ref,
  (VALUES
   ('POTHOLE', 'DEPTH', true, 'singlevaluelist', true, 'Pick one', 1, 'How deep is the pothole?'),
   ('POTHOLE', 'LANE', true, 'string', false, 'e.g. northbound right lane', 2, 'Which lane is it in?'),
   ('STREETLIGHT', 'POLE_ID', true, 'string', false, 'The number on the metal tag of the pole', 1, 'Pole number'),
   ('STREETLIGHT', 'PROBLEM', true, 'singlevaluelist', true, 'Pick one', 2, 'What is wrong with the light?'),
   ('GRAFFITI', 'NOTICE', false, 'text', false, '', 1, 'Graffiti on private property is the owner''s responsibility; we remove it from public property only.'),
   ('GRAFFITI', 'SURFACE', true, 'singlevaluelist', true, 'Pick one', 2, 'What is painted?'),
   ('GRAFFITI', 'OFFENSIVE', true, 'singlevaluelist', false, 'Offensive graffiti is removed first', 3, 'Is it offensive or hateful?'),
   ('GRAFFITI', 'AREA_M2', true, 'number', false, 'Approximate area in square metres', 4, 'How large is it?'),
   ('MISSED-COLLECTION', 'STREAMS', true, 'multivaluelist', true, 'Pick all that apply', 1, 'What was not collected?'),
   ('MISSED-COLLECTION', 'OUT_BY', true, 'datetime', false, 'Date and time, e.g. 2026-11-20T07:00', 2, 'When did you put the bins out?'),
   ('HAZ-WASTE', 'MATERIALS', true, 'multivaluelist', true, 'Pick all that apply', 1, 'What needs to be collected?'),
   ('HAZ-WASTE', 'QUANTITY', true, 'number', false, 'Litres or number of items', 2, 'About how much?'),
   ('HAZ-WASTE', 'ACCESS', true, 'text', false, 'Gate codes, where the items are', 3, 'How do we reach the items?'),
   ('ANIMAL', 'KIND', true, 'singlevaluelist', true, 'Pick one', 1, 'What kind of animal?'),
   ('ANIMAL', 'BEHAVIOUR', true, 'multivaluelist', false, 'Pick all that apply', 2, 'What is it doing?'),
   ('NOISE', 'SOURCE', true, 'singlevaluelist', false, 'Pick one', 1, 'Where does the noise come from?'),
   ('NOISE', 'SINCE', true, 'datetime', false, 'When did it start?', 2, 'Since when?'),
   ('WIRES', 'LIVE', true, 'singlevaluelist', true, 'Pick one', 1, 'Are the wires sparking, humming or touching anything?'))
  AS a(service, code, variable, datatype, required, dd, ord, description)
 WHERE j.jurisdiction_id = :'jurisdiction' AND s.service_code = a.service;

INSERT INTO service_attribute_values (attribute_ref, value_key, value_name, position)
SELECT a.id, v.k, v.n, v.p
  FROM service_attributes a JOIN services s ON s.id = a.service_ref JOIN jurisdictions j ON j.id = s.jurisdiction_ref,
  (VALUES
   ('POTHOLE', 'DEPTH', 'shallow', 'Shallow (under 5 cm)', 1), ('POTHOLE', 'DEPTH', 'deep', 'Deep (5 to 15 cm)', 2),
   ('POTHOLE', 'DEPTH', 'dangerous', 'Dangerous (over 15 cm)', 3),
   ('STREETLIGHT', 'PROBLEM', 'out', 'Light is out', 1), ('STREETLIGHT', 'PROBLEM', 'flicker', 'Light flickers', 2),
   ('STREETLIGHT', 'PROBLEM', 'day', 'On during the day', 3), ('STREETLIGHT', 'PROBLEM', 'damaged', 'Pole is damaged', 4),
   ('GRAFFITI', 'SURFACE', 'wall', 'Wall or fence', 1), ('GRAFFITI', 'SURFACE', 'sign', 'Traffic sign', 2),
   ('GRAFFITI', 'SURFACE', 'bridge', 'Bridge or underpass', 3), ('GRAFFITI', 'SURFACE', 'other', 'Something else', 4),
   ('GRAFFITI', 'OFFENSIVE', 'yes', 'Yes', 1), ('GRAFFITI', 'OFFENSIVE', 'no', 'No', 2),
   ('MISSED-COLLECTION', 'STREAMS', 'trash', 'Trash', 1), ('MISSED-COLLECTION', 'STREAMS', 'recycling', 'Recycling', 2),
   ('MISSED-COLLECTION', 'STREAMS', 'yard', 'Yard waste', 3), ('MISSED-COLLECTION', 'STREAMS', 'bulky', 'Bulky item', 4),
   ('HAZ-WASTE', 'MATERIALS', 'paint', 'Paint and solvents', 1), ('HAZ-WASTE', 'MATERIALS', 'batteries', 'Batteries', 2),
   ('HAZ-WASTE', 'MATERIALS', 'electronics', 'Electronics', 3), ('HAZ-WASTE', 'MATERIALS', 'chemicals', 'Garden or pool chemicals', 4),
   ('HAZ-WASTE', 'MATERIALS', 'oil', 'Motor oil', 5),
   ('ANIMAL', 'KIND', 'dog', 'Dog', 1), ('ANIMAL', 'KIND', 'cat', 'Cat', 2), ('ANIMAL', 'KIND', 'wildlife', 'Wildlife', 3),
   ('ANIMAL', 'KIND', 'other', 'Other', 4),
   ('ANIMAL', 'BEHAVIOUR', 'aggressive', 'Aggressive', 1), ('ANIMAL', 'BEHAVIOUR', 'injured', 'Injured', 2),
   ('ANIMAL', 'BEHAVIOUR', 'loose', 'Running loose', 3),
   ('NOISE', 'SOURCE', 'residence', 'A home', 1), ('NOISE', 'SOURCE', 'business', 'A business', 2),
   ('NOISE', 'SOURCE', 'construction', 'Construction', 3), ('NOISE', 'SOURCE', 'vehicle', 'A vehicle', 4),
   ('WIRES', 'LIVE', 'yes', 'Yes', 1), ('WIRES', 'LIVE', 'no', 'No', 2), ('WIRES', 'LIVE', 'unsure', 'I cannot tell', 3))
  AS v(service, code, k, n, p)
 WHERE j.jurisdiction_id = :'jurisdiction' AND s.service_code = v.service AND a.code = v.code;

-- The old town belongs to its own district office.
INSERT INTO agencies (jurisdiction_ref, name, area, mail_addresses)
SELECT id, 'Old Town District Office', ST_Multi(ST_MakeEnvelope(-89.6560, 39.7960, -89.6440, 39.8060, 4326)),
       ARRAY['oldtown@riverton.example']
  FROM jurisdictions WHERE jurisdiction_id = :'jurisdiction';

-- Every department has a mailbox that is told of new requests (make run logs the mail instead of sending it).
INSERT INTO agencies (jurisdiction_ref, name, mail_addresses)
SELECT DISTINCT s.jurisdiction_ref, s.default_agency,
       ARRAY[lower(regexp_replace(s.default_agency, '[^A-Za-z]+', '-', 'g')) || '@riverton.example']
  FROM services s JOIN jurisdictions j ON j.id = s.jurisdiction_ref
 WHERE j.jurisdiction_id = :'jurisdiction' AND s.default_agency IS NOT NULL
ON CONFLICT (jurisdiction_ref, name) DO NOTHING;

-- Emergencies reach someone who acts within minutes: live fallen wires are an emergency, any fallen wire or dark
-- traffic light is urgent. The on-call staff are told at once; the operations supervisor when nobody acknowledges
-- the request in time (through the staff API: any change, a note is enough).
UPDATE services s SET default_priority = 'high',
       priority_rules = '[{"attribute": "LIVE", "value": "yes", "priority": "emergency"}]'
  FROM jurisdictions j
 WHERE j.id = s.jurisdiction_ref AND j.jurisdiction_id = :'jurisdiction' AND s.service_code = 'WIRES';
UPDATE services s SET default_priority = 'high'
  FROM jurisdictions j
 WHERE j.id = s.jurisdiction_ref AND j.jurisdiction_id = :'jurisdiction' AND s.service_code = 'TRAFFIC-LIGHT';
UPDATE agencies a SET on_call_addresses = ARRAY['on-call.' || lower(regexp_replace(a.name, '[^A-Za-z]+', '-', 'g'))
                                                || '@riverton.example']
  FROM jurisdictions j
 WHERE j.id = a.jurisdiction_ref AND j.jurisdiction_id = :'jurisdiction'
   AND a.name IN ('Electric Utility', 'Traffic Engineering');
INSERT INTO escalation_chains (jurisdiction_ref, priority, on_call_addresses, acknowledge_within_minutes,
                               supervisor_addresses, max_escalations)
SELECT id, v.priority, v.on_call, v.minutes, ARRAY['operations-supervisor@riverton.example'], v.times
  FROM jurisdictions,
  (VALUES ('emergency', ARRAY['duty-officer@riverton.example'], 15, 4),
          ('high', NULL::text[], 120, 2)) AS v(priority, on_call, minutes, times)
 WHERE jurisdiction_id = :'jurisdiction';
-- The catalogue in Spanish too (GET services.json?locale=es or Accept-Language: es); codes and keys stay.
UPDATE services s SET translations = jsonb_build_object('es', t.es::jsonb)
  FROM jurisdictions j,
  (VALUES
   ('POTHOLE', '{"serviceName": "Bache", "description": "Un agujero o hundimiento en la calzada.", "group": "Calles y transporte",
                 "attributes": {"DEPTH": {"description": "¿Qué profundidad tiene el bache?", "datatypeDescription": "Elija una",
                                          "values": {"shallow": "Poco profundo (menos de 5 cm)", "deep": "Profundo (de 5 a 15 cm)",
                                                     "dangerous": "Peligroso (más de 15 cm)"}},
                                "LANE": {"description": "¿En qué carril está?", "datatypeDescription": "p. ej., carril derecho hacia el norte"}}}'),
   ('STREETLIGHT', '{"serviceName": "Farola apagada", "description": "Una farola apagada, que parpadea o está encendida de día.",
                     "group": "Calles y transporte",
                     "attributes": {"POLE_ID": {"description": "Número del poste", "datatypeDescription": "El número de la placa metálica del poste"},
                                    "PROBLEM": {"description": "¿Qué le pasa a la farola?", "datatypeDescription": "Elija uno",
                                                "values": {"out": "Está apagada", "flicker": "Parpadea", "day": "Encendida de día",
                                                           "damaged": "El poste está dañado"}}}}'),
   ('WIRES', '{"serviceName": "Cables eléctricos caídos", "description": "Cables eléctricos o de servicios caídos o muy bajos.",
               "group": "Seguridad pública",
               "attributes": {"LIVE": {"description": "¿Los cables echan chispas, zumban o tocan algo?", "datatypeDescription": "Elija una",
                                       "values": {"yes": "Sí", "no": "No", "unsure": "No lo sé"}}}}'))
  AS t(code, es)
 WHERE j.id = s.jurisdiction_ref AND j.jurisdiction_id = :'jurisdiction' AND s.service_code = t.code;

-- Departments are reminded of requests nobody started within two days, and of overdue ones.
UPDATE jurisdictions SET remind_received_after_hours = 48, remind_when_overdue = true
 WHERE jurisdiction_id = :'jurisdiction';

-- 400 requests over the last six months: dense downtown, sparse suburbs, most older ones closed.
WITH streets(name) AS (
    VALUES ('Main St'), ('Oak St'), ('Washington Ave'), ('Lincoln Blvd'), ('Elm St'), ('River Rd'), ('Maple Ave'),
           ('Jefferson St'), ('Park Ave'), ('Cedar Ln'), ('Monroe St'), ('Lake Dr'), ('Grand Ave'), ('Mill St')),
notes(service_code, open_text, closed_text) AS (
    VALUES ('POTHOLE', 'Deep hole in the right lane.', 'Repaired with cold patch.'),
           ('STREETLIGHT', 'Light out for three nights.', 'Lamp replaced.'),
           ('SIGN', 'Stop sign knocked over.', 'Sign re-installed.'),
           ('TRAFFIC-LIGHT', 'Signal flashing red in all directions.', 'Controller reset.'),
           ('SNOW', 'Street not ploughed since Monday.', 'Ploughed.'),
           ('SLIPPERY', 'Black ice on the bridge.', 'Gritted.'),
           ('MANHOLE', 'Cover rocking when cars pass.', 'Cover re-seated.'),
           ('HYDRANT', 'Water seeping from the hydrant base.', 'Valve replaced.'),
           ('NO-WATER', 'No water since this morning.', 'Main repaired; service restored.'),
           ('GRAFFITI', 'Tags on the underpass wall.', 'Graffiti removed.'),
           ('MISSED-COLLECTION', 'Recycling not picked up on Tuesday.', 'Collected.'),
           ('LITTER-BIN', 'Bin overflowing at the bus stop.', 'Emptied.'),
           ('HAZ-WASTE', 'Old paint cans and batteries.', 'Collected.'),
           ('ROADKILL', 'Dead deer on the shoulder.', 'Removed.'),
           ('RODENTS', 'Rats running along the alley at night.', 'Block baited.'),
           ('CODE-ENFORCEMENT', 'Abandoned house with broken windows, children play inside.', 'Owner ordered to secure the building.'),
           ('ANIMAL', 'Loose dog near the school.', 'Animal Control attended; owner found.'),
           ('WIRES', 'Cable hanging low over the sidewalk.', 'Utility made safe.'),
           ('TREE-PLANT', 'Please plant a tree in front of number 40.', 'Planting scheduled for spring.'),
           ('TREE-PRUNE', 'Branches blocking the stop sign.', 'Pruned.'),
           ('TREE-REMOVE', 'Dead tree leaning over the road.', 'Tree removed.')),
generated AS (
    SELECT g,
           (SELECT s FROM services s JOIN jurisdictions j ON j.id = s.jurisdiction_ref
             WHERE j.jurisdiction_id = :'jurisdiction' AND s.service_code <> 'NOISE'
             ORDER BY s.id OFFSET (g * 7) % 21 LIMIT 1) AS svc,
           now() - (random() * interval '180 days') AS requested,
           random() < 0.7 AS downtown,
           random() AS r1, random() AS r2, random() AS r3
      FROM generate_series(1, 400) AS g)
INSERT INTO service_requests (jurisdiction_ref, service_ref, status, detailed_status, status_notes, agency_responsible,
                              service_notice, requested_datetime, updated_datetime, expected_datetime, address, zipcode,
                              location, description)
SELECT (svc).jurisdiction_ref, (svc).id,
       CASE WHEN requested < now() - interval '14 days' AND r3 < 0.9 THEN 'closed'
            WHEN r3 < 0.3 THEN 'closed' ELSE 'open' END,
       CASE WHEN requested < now() - interval '14 days' AND r3 < 0.9 THEN 'resolved'
            WHEN r3 < 0.3 THEN 'resolved' WHEN r3 < 0.6 THEN 'in_progress' ELSE 'received' END,
       NULL, (svc).default_agency, (svc).service_notice,
       date_trunc('second', requested),
       date_trunc('second', least(now(), requested + (r1 * interval '10 days'))),
       CASE WHEN (svc).expected_response IS NULL THEN NULL ELSE date_trunc('second', requested + (svc).expected_response) END,
       (100 + (g * 37) % 2900)::text || ' ' || (SELECT name FROM streets OFFSET g % 14 LIMIT 1) || ', Riverton',
       (62701 + g % 6)::text,
       CASE WHEN downtown
            THEN ST_SetSRID(ST_MakePoint(-89.6501 + (r1 - 0.5) * 0.03, 39.7817 + (r2 - 0.5) * 0.025), 4326)
            ELSE ST_SetSRID(ST_MakePoint(-89.6501 + (r1 - 0.5) * 0.16, 39.7817 + (r2 - 0.5) * 0.12), 4326) END,
       (SELECT open_text FROM notes WHERE notes.service_code = (svc).service_code)
  FROM generated;

UPDATE service_requests r
   SET status_notes = n.closed_text
  FROM services s, (VALUES ('POTHOLE', 'Repaired with cold patch.'), ('STREETLIGHT', 'Lamp replaced.'),
                           ('GRAFFITI', 'Graffiti removed.'), ('MISSED-COLLECTION', 'Collected.'),
                           ('TREE-PRUNE', 'Pruned.'), ('ANIMAL', 'Animal Control attended.')) AS n(code, closed_text)
 WHERE s.id = r.service_ref AND s.service_code = n.code AND r.status = 'closed';

-- The rodent case (issue 14): rat sightings cluster behind the Riverside Market in the last six weeks, as
-- they did in Chicago's alleys. Hotspots find them in one call (see the README):
--   /open311/v2/hotspots/clusters.geojson?service_code=RODENTS&distance=75&min_size=8
INSERT INTO service_requests (jurisdiction_ref, service_ref, status, detailed_status, agency_responsible,
                              service_notice, requested_datetime, updated_datetime, expected_datetime, address, zipcode,
                              location, description)
SELECT s.jurisdiction_ref, s.id, 'open', CASE WHEN g % 3 = 0 THEN 'in_progress' ELSE 'received' END,
       s.default_agency, s.service_notice, at, at, at + s.expected_response,
       (200 + g % 40)::text || ' Market St, Riverton', '62701',
       -- within about 60 m of the market's loading dock
       ST_SetSRID(ST_MakePoint(-89.6432 + (random() - 0.5) * 0.0014, 39.8003 + (random() - 0.5) * 0.0011), 4326),
       (ARRAY['Rats running along the alley behind the market at night.', 'Burrows under the loading dock.',
              'Droppings next to the bins of the market.', 'A rat ran into the storm drain.'])[1 + g % 4]
  FROM services s JOIN jurisdictions j ON j.id = s.jurisdiction_ref,
       generate_series(1, 36) AS g,
       LATERAL (SELECT date_trunc('second', now() - (random() + g * 0) * interval '42 days') AS at) t
 WHERE j.jurisdiction_id = :'jurisdiction' AND s.service_code = 'RODENTS';

-- What the statistics read: when a request was closed, and when the city first acted on it.
UPDATE service_requests SET closed_at = updated_datetime WHERE status = 'closed';
UPDATE service_requests SET acknowledged_at = least(updated_datetime, requested_datetime + interval '6 hours')
 WHERE detailed_status <> 'received';

-- How the reports came in (most through the app and the web form, some by phone, e-mail and at the counter), and
-- which crews have the work in hand: what the work queue filters by.
UPDATE service_requests
   SET channel = (ARRAY['app', 'app', 'app', 'web', 'web', 'phone', 'phone', 'email', 'walk_in'])[1 + id % 9];
UPDATE service_requests SET assignee = 'Crew ' || (1 + id % 4) WHERE detailed_status = 'in_progress';

UPDATE service_requests r
   SET agency_responsible = 'Old Town District Office'
  FROM agencies a
 WHERE a.name = 'Old Town District Office' AND ST_Covers(a.area, r.location);

INSERT INTO request_history (request_ref, changed_at, actor, action, changes, note, public)
SELECT id, requested_datetime, 'demo', 'created', '{"status": "open"}', 'Request opened', true FROM service_requests;
INSERT INTO request_history (request_ref, changed_at, actor, action, changes, note, public)
SELECT id, updated_datetime, 'demo', 'status_changed', '{"status": "closed", "detailed_status": "resolved"}',
       coalesce(status_notes, 'Request closed'), true
  FROM service_requests WHERE status = 'closed';

-- Moderation examples: two reports whose citizens wrote their phone number into the description (the city
-- redacted it: the public sees the text without it, staff see the original) and one hidden from the public.
INSERT INTO request_originals (request_ref, description, address, media_urls, moderated_at, actor)
SELECT r.id, r.description || ' Call me on 217 555 0142, ask for Maria.', r.address, r.media_urls,
       r.updated_datetime, 'staff:demo'
  FROM service_requests r JOIN jurisdictions j ON j.id = r.jurisdiction_ref
 WHERE j.jurisdiction_id = :'jurisdiction' AND r.status = 'open' AND r.description IS NOT NULL
 ORDER BY r.id LIMIT 2;
INSERT INTO request_history (request_ref, changed_at, actor, action, changes, note, public)
SELECT request_ref, moderated_at, actor, 'moderated', '{"redacted": ["description"]}', NULL, true FROM request_originals;
UPDATE service_requests SET hidden = true
 WHERE id = (SELECT r.id FROM service_requests r JOIN jurisdictions j ON j.id = r.jurisdiction_ref
              WHERE j.jurisdiction_id = :'jurisdiction' AND r.status = 'open' ORDER BY r.id DESC LIMIT 1);
