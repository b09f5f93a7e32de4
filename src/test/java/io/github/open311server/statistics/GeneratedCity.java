package io.github.open311server.statistics;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.open311server.support.Db;

/**
 * A generated history for the statistics tests, kept in Java too so every statistic can be computed
 * independently of the server's SQL. It lies in January and February 2001, where no other test files
 * anything, and has what the statistics must get right: requests on both sides of midnight in the city's
 * time zone, a service with only two requests (percentiles of small groups), a blackbox service, closed,
 * reopened and acknowledged requests, requests in and out of a box, and survey answers.
 */
final class GeneratedCity {

    static final ZoneId CITY = ZoneId.of("America/Chicago");
    static final LocalDate FIRST_DAY = LocalDate.of(2001, 1, 1);
    static final LocalDate END_DAY = LocalDate.of(2001, 3, 1);
    /** The box some requests lie in: {@code bbox=10,10,10.1,10.1}. */
    static final double[] BOX = {10.0, 10.0, 10.1, 10.1};

    record Request(
            String service,
            String agency,
            String status,
            String detailedStatus,
            String priority,
            boolean viaClient,
            OffsetDateTime requested,
            OffsetDateTime acknowledged,
            OffsetDateTime closed,
            int reopens,
            Double lon,
            Double lat,
            Integer satisfaction,
            Boolean fixed) {

        LocalDate day() {
            return requested.atZoneSameInstant(CITY).toLocalDate();
        }

        boolean inBox() {
            return lon != null && lon >= BOX[0] && lon <= BOX[2] && lat >= BOX[1] && lat <= BOX[3];
        }

        Double closeHours() {
            return closed == null ? null : Duration.between(requested, closed).toSeconds() / 3600.0;
        }

        Double acknowledgeHours() {
            return acknowledged == null
                    ? null
                    : Duration.between(requested, acknowledged).toSeconds() / 3600.0;
        }
    }

    final List<Request> requests = new ArrayList<>();

    static GeneratedCity generate() {
        GeneratedCity city = new GeneratedCity();
        Random random = new Random(311);
        String[] services = {"POTHOLE", "POTHOLE", "POTHOLE", "GRAF-01", "GRAF-01", "NOISE"};
        String[] agencies = {"Streets Department", "Night Crew", null};
        String[] priorities = {"normal", "normal", "high", "emergency"};
        OffsetDateTime start = FIRST_DAY.atStartOfDay(CITY).toOffsetDateTime();
        long span = Duration.between(start, END_DAY.atStartOfDay(CITY)).toSeconds();
        for (int i = 0; i < 240; i++) {
            OffsetDateTime requested = start.plusSeconds((long) (random.nextDouble() * span));
            city.add(
                    random,
                    services[random.nextInt(services.length)],
                    agencies[random.nextInt(3)],
                    priorities[random.nextInt(4)],
                    requested);
        }
        // midnight in Chicago on 10 January is 06:00 UTC: one request each side of it
        city.add(
                random,
                "POTHOLE",
                "Night Crew",
                "normal",
                OffsetDateTime.of(2001, 1, 10, 5, 59, 59, 0, ZoneOffset.UTC));
        city.add(random, "POTHOLE", "Night Crew", "normal", OffsetDateTime.of(2001, 1, 10, 6, 0, 0, 0, ZoneOffset.UTC));
        // a small group: two tree requests, both closed
        for (int hours : new int[] {7, 30}) {
            OffsetDateTime requested = OffsetDateTime.of(2001, 2, 3, 15, 0, 0, 0, ZoneOffset.UTC);
            city.requests.add(new Request(
                    "TREE.PRUNE",
                    "Parks Department",
                    "closed",
                    "resolved",
                    "normal",
                    false,
                    requested,
                    requested.plusHours(1),
                    requested.plusHours(hours),
                    0,
                    null,
                    null,
                    null,
                    null));
        }
        return city;
    }

    private void add(Random random, String service, String agency, String priority, OffsetDateTime requested) {
        boolean closed = random.nextDouble() < 0.7;
        OffsetDateTime closedAt = closed
                ? requested.plusMinutes(30 + (long) (random.nextDouble() * random.nextDouble() * 20 * 24 * 60))
                : null;
        OffsetDateTime acknowledged =
                random.nextDouble() < 0.6 ? requested.plusMinutes(5 + random.nextInt(3 * 24 * 60)) : null;
        int reopens = random.nextDouble() < 0.1 ? 1 + random.nextInt(2) : 0;
        boolean placed = random.nextDouble() < 0.9;
        boolean inBox = random.nextDouble() < 0.3;
        Double lon = !placed ? null : inBox ? 10.0 + random.nextDouble() * 0.1 : -89.6 - random.nextDouble() * 0.1;
        Double lat = !placed ? null : inBox ? 10.0 + random.nextDouble() * 0.1 : 39.7 + random.nextDouble() * 0.1;
        boolean surveyed = closed && random.nextDouble() < 0.4;
        requests.add(new Request(
                service,
                agency,
                closed ? "closed" : "open",
                closed ? "resolved" : random.nextBoolean() ? "received" : "in_progress",
                priority,
                random.nextBoolean(),
                requested,
                acknowledged,
                closedAt,
                reopens,
                lon,
                lat,
                surveyed ? 1 + random.nextInt(5) : null,
                surveyed ? random.nextBoolean() : null));
    }

    /** Stores every request (and survey answer) of the city, with ids that name the run. */
    void store(Db db, String prefix) {
        int n = 0;
        for (Request r : requests) {
            String id = prefix + "-" + (n++);
            db.update(
                    """
                    INSERT INTO service_requests (service_request_id, jurisdiction_ref, service_ref, status,
                        detailed_status, agency_responsible, priority, api_client_ref, requested_datetime,
                        updated_datetime, acknowledged_at, closed_at, reopen_count, location, channel)
                    SELECT ?, j.id, s.id, ?, ?, ?::text, ?,
                           CASE WHEN ? THEN (SELECT id FROM api_clients WHERE name = 'test client') END,
                           ?::timestamptz, coalesce(?::timestamptz, ?::timestamptz), ?::timestamptz, ?::timestamptz, ?,
                           CASE WHEN ?::float8 IS NOT NULL THEN ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326) END,
                           CASE WHEN ? THEN 'app' ELSE 'phone' END
                      FROM jurisdictions j JOIN services s ON s.jurisdiction_ref = j.id
                     WHERE j.jurisdiction_id = 'testcity.example' AND s.service_code = ?""",
                    id,
                    r.status(),
                    r.detailedStatus(),
                    r.agency(),
                    r.priority(),
                    r.viaClient(),
                    r.requested(),
                    r.closed(),
                    r.requested(),
                    r.acknowledged(),
                    r.closed(),
                    r.reopens(),
                    r.lon(),
                    r.lon(),
                    r.lat(),
                    r.viaClient(),
                    r.service());
            if (r.satisfaction() != null) {
                db.update("""
                        INSERT INTO survey_answers (request_ref, jurisdiction_ref, service_ref, satisfaction, fixed)
                        SELECT r.id, r.jurisdiction_ref, r.service_ref, ?, ?::boolean FROM service_requests r
                         WHERE r.service_request_id = ?""", r.satisfaction(), r.fixed(), id);
            }
        }
    }
}
