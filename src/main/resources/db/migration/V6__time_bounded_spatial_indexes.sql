-- Spatial searches always come with a time window (the spec's 90 days). A spatial index alone returns every
-- request ever filed in the area, so its cost grows with the length of history; with the requested datetime
-- in the same GiST index (btree_gist, a trusted extension), the scan returns only the window.
CREATE EXTENSION IF NOT EXISTS btree_gist;

DROP INDEX service_requests_location_idx;
CREATE INDEX service_requests_location_idx ON service_requests USING gist (location, requested_datetime);
DROP INDEX service_requests_geography_idx;
CREATE INDEX service_requests_geography_idx ON service_requests USING gist ((location::geography), requested_datetime);

-- Deleting a request checks who points at it as a duplicate.
CREATE INDEX service_requests_duplicate_of_idx ON service_requests (duplicate_of_ref) WHERE duplicate_of_ref IS NOT NULL;
