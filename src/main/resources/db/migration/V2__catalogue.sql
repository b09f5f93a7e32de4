-- The service catalogue: jurisdictions, their agencies, services and service definitions.

CREATE TABLE jurisdictions (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_id       text        NOT NULL UNIQUE,      -- the Open311 id, e.g. 'riverton.example'
    name                  text        NOT NULL,
    catalogue_changed_at  timestamptz NOT NULL DEFAULT now(),
    created_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agencies (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_ref bigint NOT NULL REFERENCES jurisdictions (id),
    name             text   NOT NULL,
    -- an area the agency owns: requests inside it are routed to it instead of the service default
    area             geometry(MultiPolygon, 4326),
    UNIQUE (jurisdiction_ref, name)
);
CREATE INDEX agencies_area_idx ON agencies USING gist (area);

CREATE TABLE services (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    jurisdiction_ref   bigint  NOT NULL REFERENCES jurisdictions (id),
    service_code       text    NOT NULL,
    service_name       text    NOT NULL,
    description        text,
    service_type       text    NOT NULL DEFAULT 'realtime' CHECK (service_type IN ('realtime', 'batch', 'blackbox')),
    keywords           text,
    service_group      text,
    active             boolean NOT NULL DEFAULT true,
    default_agency     text,
    service_notice     text,
    expected_response  interval,            -- service level: gives expected_datetime at creation
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (jurisdiction_ref, service_code)
);

CREATE TABLE service_attributes (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_ref           bigint  NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    code                  text    NOT NULL,
    variable              boolean NOT NULL DEFAULT true,
    datatype              text    NOT NULL CHECK (datatype IN ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
    required              boolean NOT NULL DEFAULT false,
    datatype_description  text,
    attribute_order       integer NOT NULL CHECK (attribute_order > 0),
    description           text    NOT NULL,
    UNIQUE (service_ref, code),
    UNIQUE (service_ref, attribute_order)
);

CREATE TABLE service_attribute_values (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    attribute_ref  bigint  NOT NULL REFERENCES service_attributes (id) ON DELETE CASCADE,
    value_key      text    NOT NULL,
    value_name     text    NOT NULL,
    position       integer NOT NULL,
    UNIQUE (attribute_ref, value_key)
);

-- Any change to the catalogue moves the jurisdiction's changeset, which discovery publishes so
-- that clients know to refresh cached service lists and definitions.
CREATE FUNCTION touch_catalogue() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_data record := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
    IF TG_TABLE_NAME = 'services' THEN
        UPDATE jurisdictions SET catalogue_changed_at = clock_timestamp() WHERE id = row_data.jurisdiction_ref;
    ELSIF TG_TABLE_NAME = 'service_attributes' THEN
        UPDATE jurisdictions j SET catalogue_changed_at = clock_timestamp()
          FROM services s WHERE s.id = row_data.service_ref AND j.id = s.jurisdiction_ref;
    ELSE
        UPDATE jurisdictions j SET catalogue_changed_at = clock_timestamp()
          FROM service_attributes a JOIN services s ON s.id = a.service_ref
         WHERE a.id = row_data.attribute_ref AND j.id = s.jurisdiction_ref;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER services_touch_catalogue AFTER INSERT OR UPDATE OR DELETE ON services
    FOR EACH ROW EXECUTE FUNCTION touch_catalogue();
CREATE TRIGGER attributes_touch_catalogue AFTER INSERT OR UPDATE OR DELETE ON service_attributes
    FOR EACH ROW EXECUTE FUNCTION touch_catalogue();
CREATE TRIGGER values_touch_catalogue AFTER INSERT OR UPDATE OR DELETE ON service_attribute_values
    FOR EACH ROW EXECUTE FUNCTION touch_catalogue();
