-- GET /open311/v2/statistics/trends.json?start_date=..&end_date=..: the last 90 days per service against
-- the 90 days before.
-- Generated from StatisticsSql (make bench-sql).
-- Variables (pgbench -D): from, to (the last 90 days), before (from - 90 days), jur, blackbox.
SELECT s.service_code AS service_code, min(s.service_name) AS service_name, count(*) FILTER (WHERE r.requested_datetime >= :from) AS current, count(*) FILTER (WHERE r.requested_datetime < :from) AS previous FROM service_requests r JOIN services s ON s.id = r.service_ref WHERE r.jurisdiction_ref = :jur AND r.service_ref <> ALL (:blackbox) AND r.requested_datetime >= :before AND r.requested_datetime < :to GROUP BY 1 ORDER BY 1;
