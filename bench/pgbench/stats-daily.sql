-- GET /open311/v2/statistics/requests.json?start_date=..&end_date=..&interval=day&group_by=service_code:
-- requests per day (in the city's time zone) and service over a year.
-- Generated from StatisticsSql (make bench-sql); pgbench -M extended sends the values as parameters of an unnamed statement, as the server does.
-- Variables (pgbench -D): interval (day), zone (the city's), jur, blackbox, from, to (a year up to today).
SELECT date_trunc(:interval, r.requested_datetime AT TIME ZONE :zone)::date AS period, s.service_code AS service_code, min(s.service_name) AS service_name, count(*) AS count FROM service_requests r JOIN services s ON s.id = r.service_ref WHERE r.jurisdiction_ref = :jur AND r.service_ref <> ALL (:blackbox) AND NOT r.hidden AND r.requested_datetime >= :from AND r.requested_datetime < :to GROUP BY 1, 2 ORDER BY 1, 2;
