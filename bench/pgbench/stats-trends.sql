-- GET /open311/v2/statistics/trends.json?start_date=..&end_date=..: the last 90 days per service against
-- the 90 days before.
-- Generated from StatisticsSql (make bench-sql).
-- Variables (pgbench -D): from, to (the last 90 days), before (from - 90 days), jur, blackbox.
SELECT s.service_code AS service_code, s.service_name AS service_name, c.current, c.previous FROM services s CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE r.requested_datetime >= :from) AS current, count(*) FILTER (WHERE r.requested_datetime < :from) AS previous FROM service_requests r WHERE r.service_ref = s.id AND r.requested_datetime >= :before AND r.requested_datetime < :to) c WHERE s.jurisdiction_ref = :jur AND s.id <> ALL (:blackbox) AND (c.current > 0 OR c.previous > 0) ORDER BY 1;
