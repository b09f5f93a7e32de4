-- The catalogue in several languages. A jurisdiction writes its catalogue in its default language; each
-- service may carry translations into others: {"es": {"serviceName": ..., "description": ..., "group": ...,
-- "keywords": ..., "attributes": {"LIVE": {"description": ..., "datatypeDescription": ...,
-- "values": {"yes": "Sí"}}}}}. Keyed by attribute code and value key, so replacing a definition keeps them.
ALTER TABLE jurisdictions ADD COLUMN default_locale text NOT NULL DEFAULT 'en' CHECK (default_locale ~ '^[a-z]{2,3}$');
ALTER TABLE services ADD COLUMN translations jsonb NOT NULL DEFAULT '{}';
