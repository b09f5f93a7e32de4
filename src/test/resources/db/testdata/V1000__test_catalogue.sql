-- A small, fixed catalogue for the tests: every service type and every attribute datatype.
-- The jurisdiction matches %test.open311.jurisdiction.id, so the bootstrap leaves it alone.
INSERT INTO jurisdictions (jurisdiction_id, name) VALUES ('testcity.example', 'Test City');

INSERT INTO services (jurisdiction_ref, service_code, service_name, description, service_type, keywords, service_group,
                      default_agency, service_notice, expected_response)
SELECT j.id, v.code, v.name, v.description, v.type, v.keywords, v.grp, v.agency, v.notice, v.expected::interval
  FROM jurisdictions j,
       (VALUES ('POTHOLE', 'Pothole in roadway', 'Holes or sunken patches in the driving surface.', 'realtime',
                'pothole,road,asphalt', 'Streets', 'Streets Department', 'Crews usually respond within 5 working days.', '5 days'),
               ('GRAF-01', 'Graffiti on public property', 'Paint or tags on city property.', 'batch',
                'graffiti,tag', 'Cleanliness', 'Sanitation Department', NULL, NULL),
               ('NOISE', 'Noise complaint', 'Loud music, parties, machinery.', 'blackbox',
                'noise,loud', 'Public Safety', 'Police Non-Emergency', 'Thank you. Noise reports are not tracked individually.', NULL),
               ('TREE.PRUNE', 'Tree pruning', 'Branches over the street or sidewalk (code with a dot).', 'realtime',
                NULL, 'Parks', 'Parks Department', NULL, NULL),
               ('RETIRED', 'Retired service', 'No longer offered.', 'realtime', NULL, 'Streets', NULL, NULL, NULL))
       AS v(code, name, description, type, keywords, grp, agency, notice, expected)
 WHERE j.jurisdiction_id = 'testcity.example';

UPDATE services SET active = false WHERE service_code = 'RETIRED';

-- GRAF-01 uses all six datatypes.
INSERT INTO service_attributes (service_ref, code, variable, datatype, required, datatype_description, attribute_order, description)
SELECT s.id, a.code, a.variable, a.datatype, a.required, a.dd, a.ord, a.description
  FROM services s,
       (VALUES ('NOTICE', false, 'text', false, '', 1, 'Graffiti on private property is the owner''s responsibility.'),
               ('SURFACE', true, 'singlevaluelist', true, 'Pick one', 2, 'What is painted?'),
               ('COLOURS', true, 'multivaluelist', false, 'Pick all that apply', 3, 'Which colours are used?'),
               ('AREA_M2', true, 'number', false, 'Approximate area in square metres', 4, 'How large is it?'),
               ('SEEN_AT', true, 'datetime', false, 'When did you see it?', 5, 'When was it painted?'),
               ('WORDING', true, 'string', false, 'The text, if readable', 6, 'What does it say?'),
               ('DETAILS', true, 'text', false, '', 7, 'Anything else?'))
       AS a(code, variable, datatype, required, dd, ord, description)
 WHERE s.service_code = 'GRAF-01';

INSERT INTO service_attribute_values (attribute_ref, value_key, value_name, position)
SELECT a.id, v.k, v.n, v.p
  FROM service_attributes a JOIN services s ON s.id = a.service_ref,
       (VALUES ('SURFACE', 'wall', 'Wall or fence', 1), ('SURFACE', 'sign', 'Traffic sign', 2),
               ('SURFACE', 'other', 'Something else', 3),
               ('COLOURS', 'red', 'Red', 1), ('COLOURS', 'black', 'Black', 2), ('COLOURS', 'silver', 'Silver', 3))
       AS v(code, k, n, p)
 WHERE s.service_code = 'GRAF-01' AND a.code = v.code;

-- Requests posted during tests use this key; a second one is revoked.
INSERT INTO api_clients (name, key_prefix, key_hash, scopes)
VALUES ('test client', 'test-key', encode(sha256('test-key'::bytea), 'hex'), '{create_requests}');
INSERT INTO api_clients (name, key_prefix, key_hash, scopes, revoked_at)
VALUES ('revoked client', 'revoked-', encode(sha256('revoked-key'::bytea), 'hex'), '{create_requests}', now());

-- An agency that owns the old town: requests inside it are routed there.
INSERT INTO agencies (jurisdiction_ref, name, area)
SELECT id, 'Old Town District Office',
       ST_Multi(ST_MakeEnvelope(-89.66, 39.79, -89.64, 39.81, 4326))
  FROM jurisdictions WHERE jurisdiction_id = 'testcity.example';
