package io.github.open311server.staff;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import io.github.open311server.requests.queue.WorkQueueParser;
import io.github.open311server.support.Api;
import io.github.open311server.support.CityApi;
import io.github.open311server.support.Db;
import io.github.open311server.support.TestSigningKeys;
import io.github.open311server.support.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The staff work queue against a brute-force evaluation: a generated set of requests (in January 2003, where no
 * other test files anything) is stored with everything staff filter by, and every filter and order is read
 * through the API page by page and compared with the same question answered in Java.
 */
@QuarkusTest
@QuarkusTestResource(TestSigningKeys.class)
class WorkQueueTest {

    private static final String QUEUE = "/staff/v1/jurisdictions/" + CityApi.J + "/requests";
    private static final String WINDOW = "start_date=2003-01-01T00:00:00Z&end_date=2003-02-01T00:00:00Z";
    private static final OffsetDateTime START = OffsetDateTime.of(2003, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime FUTURE = OffsetDateTime.of(2099, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final String[] DETAILED = {
        "received", "acknowledged", "in_progress", "on_hold", "resolved", "duplicate", "closed_without_action"
    };

    /** One generated request, as the Java side knows it; {@code n} is its order of insertion (and of id). */
    record Generated(
            int n,
            String id,
            String service,
            String detailedStatus,
            String agency,
            String assignee,
            String priority,
            String channel,
            OffsetDateTime requested,
            OffsetDateTime updated,
            OffsetDateTime expected,
            boolean photo,
            String place,
            String description,
            String email,
            String phone,
            boolean asbestosNote) {

        String status() {
            return List.of("resolved", "duplicate", "closed_without_action").contains(detailedStatus)
                    ? "closed"
                    : "open";
        }

        int rank() {
            return switch (priority) {
                case "emergency" -> 0;
                case "high" -> 1;
                default -> 2;
            };
        }

        boolean overdue() {
            return status().equals("open") && expected != null && expected.isBefore(OffsetDateTime.now());
        }

        boolean inOldTown() {
            return place.equals("near") || place.equals("far");
        }
    }

    @Inject
    Db db;

    private static List<Generated> city;

    @BeforeEach
    void storeTheCityOnce() {
        if (city != null) {
            return;
        }
        List<Generated> generated = generate("WQ" + Long.toString(System.nanoTime(), 36));
        generated.forEach(this::store);
        city = generated;
    }

    private static List<Generated> generate(String prefix) {
        Random random = new Random(13);
        String[] services = {"POTHOLE", "POTHOLE", "GRAF-01", "NOISE", "TREE.PRUNE"};
        String[] agencies = {"Streets Department", "Parks Department", "Old Town District Office", null};
        String[] assignees = {"Crew A", "crew b", null, null};
        String[] priorities = {"normal", "normal", "high", "emergency"};
        String[] channels = {"phone", "email", "app", "web", null};
        String[] places = {"none", "near", "near", "far", "elsewhere", "elsewhere"};
        String[] words = {"pothole", "lamp", "bench", "flooded", "sign"};
        List<Generated> list = new ArrayList<>();
        OffsetDateTime previous = START;
        for (int n = 0; n < 160; n++) {
            // every tenth shares the datetime of the one before: the id must break the tie
            OffsetDateTime requested = n % 10 == 9 ? previous : START.plusMinutes(random.nextInt(28 * 24 * 60));
            previous = requested;
            int expectedKind = random.nextInt(3);
            list.add(new Generated(
                    n,
                    prefix + "-" + n,
                    services[random.nextInt(services.length)],
                    DETAILED[random.nextInt(DETAILED.length)],
                    agencies[random.nextInt(agencies.length)],
                    assignees[random.nextInt(assignees.length)],
                    priorities[random.nextInt(priorities.length)],
                    channels[random.nextInt(channels.length)],
                    requested,
                    requested.plusHours(random.nextInt(200)),
                    expectedKind == 0 ? null : expectedKind == 1 ? requested.plusDays(5) : FUTURE.plusMinutes(n),
                    random.nextInt(4) == 0,
                    places[random.nextInt(places.length)],
                    words[random.nextInt(words.length)] + " report " + n,
                    random.nextInt(5) == 0 ? (random.nextBoolean() ? "Ann@Example.org" : "bob@example.org") : null,
                    random.nextInt(8) == 0 ? "+1 (555) 010-2000" : null,
                    random.nextInt(8) == 0));
        }
        return list;
    }

    private void store(Generated g) {
        double[] point = switch (g.place()) {
            // Old Town's area is -89.66..-89.64, 39.79..39.81; "near" lies within 100 m of its centre
            case "near" -> new double[] {-89.65 + (g.n() % 7 - 3) * 0.0002, 39.80 + (g.n() % 5 - 2) * 0.0002};
            case "far" -> new double[] {-89.645, 39.808};
            case "elsewhere" -> new double[] {-89.60, 39.75};
            default -> null;
        };
        db.update(
                """
                INSERT INTO service_requests (service_request_id, jurisdiction_ref, service_ref, status, detailed_status,
                    agency_responsible, assignee, priority, channel, requested_datetime, updated_datetime,
                    expected_datetime, media_urls, description, location)
                SELECT ?, j.id, s.id, ?, ?, ?::text, ?::text, ?, ?::text, ?, ?, ?::timestamptz, ?::text[], ?,
                       CASE WHEN ?::float8 IS NOT NULL THEN ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326) END
                  FROM jurisdictions j JOIN services s ON s.jurisdiction_ref = j.id
                 WHERE j.jurisdiction_id = ? AND s.service_code = ?""",
                g.id(),
                g.status(),
                g.detailedStatus(),
                g.agency(),
                g.assignee(),
                g.priority(),
                g.channel(),
                g.requested(),
                g.updated(),
                g.expected(),
                g.photo() ? "{https://media.example/" + g.id() + ".jpg}" : "{}",
                g.description(),
                point == null ? null : point[0],
                point == null ? null : point[0],
                point == null ? null : point[1],
                CityApi.J,
                g.service());
        if (g.email() != null || g.phone() != null) {
            db.update(
                    "INSERT INTO request_submitters (request_ref, email, phone)"
                            + " SELECT id, ?, ? FROM service_requests WHERE service_request_id = ?",
                    g.email(),
                    g.phone(),
                    g.id());
        }
        if (g.asbestosNote()) {
            db.update(
                    "INSERT INTO request_history (request_ref, actor, action, note, public)"
                            + " SELECT id, 'staff:alice', 'note', 'Crew saw asbestos sheets', false"
                            + " FROM service_requests WHERE service_request_id = ?",
                    g.id());
        }
    }

    private static final Comparator<Generated> PRIORITY = Comparator.comparingInt(Generated::rank)
            .thenComparing(Generated::requested)
            .thenComparingInt(Generated::n);

    @Test
    void everyFilterMatchesABruteForceEvaluation() {
        Map<String, Predicate<Generated>> cases = new TreeMap<>();
        Predicate<Generated> open = g -> g.status().equals("open");
        cases.put("", open);
        cases.put("status=open,closed", g -> true);
        cases.put("status=closed", g -> g.status().equals("closed"));
        cases.put(
                "detailed_status=in_progress,ON_HOLD",
                g -> List.of("in_progress", "on_hold").contains(g.detailedStatus()));
        cases.put(
                "service_code=POTHOLE,TREE.PRUNE",
                open.and(g -> List.of("POTHOLE", "TREE.PRUNE").contains(g.service())));
        cases.put("service_code=NOISE&status=open,closed", g -> g.service().equals("NOISE"));
        cases.put("agency_responsible=streets department", open.and(g -> "Streets Department".equals(g.agency())));
        cases.put("assignee=CREW A,crew b&status=open,closed", g -> g.assignee() != null);
        cases.put("assignee=crew b", open.and(g -> "crew b".equals(g.assignee())));
        cases.put("unassigned=true", open.and(g -> g.assignee() == null));
        cases.put(
                "unassigned=true&assignee=crew a",
                open.and(g -> g.assignee() == null || "Crew A".equals(g.assignee())));
        cases.put("priority=emergency,high", open.and(g -> g.rank() < 2));
        cases.put("channel=phone&status=open,closed", g -> "phone".equals(g.channel()));
        cases.put("overdue=true", open.and(Generated::overdue));
        cases.put("overdue=false&status=open,closed", g -> !g.overdue());
        cases.put("has_photo=true", open.and(Generated::photo));
        cases.put("has_photo=false", open.and(g -> !g.photo()));
        cases.put("bbox=-89.66,39.79,-89.64,39.81", open.and(Generated::inOldTown));
        cases.put(
                "lat=39.80&long=-89.65&radius=500&status=open,closed",
                g -> g.place().equals("near"));
        cases.put("agency_area=old town district office&status=open,closed", Generated::inOldTown);
        cases.put(
                "updated_after=2003-01-20T00:00:00Z", open.and(g -> !g.updated().isBefore(START.plusDays(19))));
        cases.put(
                "updated_before=2003-01-10T00:00:00Z",
                open.and(g -> !g.updated().isAfter(START.plusDays(9))));
        cases.put("q=asbestos&status=open,closed", Generated::asbestosNote);
        cases.put("q=lamp", open.and(g -> g.description().startsWith("lamp ")));
        cases.put("submitter_email=ANN@example.org&status=open,closed", g -> "Ann@Example.org".equals(g.email()));
        cases.put("submitter_phone=1-555-010-2000&status=open,closed", g -> g.phone() != null);
        cases.put(
                "status=open&agency_responsible=Streets Department&priority=high&has_photo=false",
                open.and(g ->
                        "Streets Department".equals(g.agency()) && g.priority().equals("high") && !g.photo()));
        cases.forEach((query, predicate) -> {
            List<String> expected = city.stream()
                    .filter(predicate)
                    .sorted(PRIORITY)
                    .map(Generated::id)
                    .toList();
            assertFalse(expected.isEmpty(), "the generated city has no example for " + query);
            assertEquals(expected, readAll(query), query);
        });
    }

    @Test
    void ordersByExpectedDatetimeAndNewestPageByPage() {
        List<String> byExpected = city.stream()
                .sorted(Comparator.comparing(Generated::expected, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparingInt(Generated::n))
                .map(Generated::id)
                .toList();
        assertEquals(byExpected, readAll("status=open,closed&sort=expected_datetime"));
        List<String> newest = city.stream()
                .sorted(Comparator.comparing(Generated::requested)
                        .thenComparingInt(Generated::n)
                        .reversed())
                .map(Generated::id)
                .toList();
        assertEquals(newest, readAll("status=open,closed&sort=-requested_datetime"));
    }

    @Test
    void distanceOrderServesTheNearestFirstWithTheirDistance() {
        List<String> ids = new ArrayList<>();
        List<Float> distances = new ArrayList<>();
        String token = null;
        do {
            JsonPath page = CityApi.staff()
                    .when()
                    .get(QUEUE + "?" + WINDOW + "&status=open,closed&lat=39.80&long=-89.65&radius=500&sort=distance"
                            + "&page_size=9" + (token == null ? "" : "&page_token=" + token))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            ids.addAll(page.getList("requests.service_request_id"));
            page.getList("requests.distance_metres", Number.class).forEach(d -> distances.add(d.floatValue()));
            token = page.getString("next_page_token");
        } while (token != null);
        List<String> near = city.stream()
                .filter(g -> g.place().equals("near"))
                .map(Generated::id)
                .sorted()
                .toList();
        assertEquals(near, ids.stream().sorted().toList());
        for (int i = 1; i < distances.size(); i++) {
            assertTrue(distances.get(i - 1) <= distances.get(i), "distances in order: " + distances);
        }
        assertTrue(distances.get(distances.size() - 1) < 100, "every near request lies within 100 m");
    }

    @Test
    void countsPerDetailedStatusMatchTheFilter() {
        for (String query :
                List.of("", "status=open,closed", "agency_responsible=Parks Department&status=open,closed")) {
            Predicate<Generated> predicate = query.isEmpty()
                    ? g -> g.status().equals("open")
                    : query.contains("Parks") ? g -> "Parks Department".equals(g.agency()) : g -> true;
            Map<String, Integer> expected = city.stream()
                    .filter(predicate)
                    .collect(Collectors.groupingBy(
                            Generated::detailedStatus, TreeMap::new, Collectors.summingInt(g -> 1)));
            JsonPath counts = CityApi.staff()
                    .when()
                    .get(QUEUE + "/counts?" + WINDOW + (query.isEmpty() ? "" : "&" + query))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertFalse(expected.isEmpty());
            assertEquals(expected, new TreeMap<>(counts.getMap("detailed_status", String.class, Integer.class)), query);
            assertEquals(expected.values().stream().mapToInt(Integer::intValue).sum(), counts.getInt("total"), query);
        }
    }

    @Test
    void itemsCarryWhatAQueueViewShows() {
        Generated sample = city.stream()
                .filter(g -> g.status().equals("open") && g.photo() && g.overdue() && g.channel() != null)
                .findFirst()
                .orElseThrow();
        JsonPath page = CityApi.staff()
                .when()
                .get(QUEUE + "?" + WINDOW + "&q=" + sample.description() + "&page_size=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> item = page.getList("requests", Map.class).stream()
                .filter(m -> sample.id().equals(m.get("service_request_id")))
                .findFirst()
                .orElseThrow();
        assertEquals(sample.service(), item.get("service_code"));
        assertEquals(sample.priority(), item.get("priority"));
        assertEquals(sample.channel(), item.get("channel"));
        assertEquals(sample.detailedStatus(), item.get("detailed_status"));
        assertEquals(true, item.get("overdue"));
        assertEquals(true, item.get("has_photo"));
        assertNotNull(item.get("requested_datetime"));
        assertNotNull(item.get("service_name"));
    }

    @Test
    void wrongParametersAreOpen311Errors() {
        for (String query : List.of(
                "agency=Streets",
                "status=pending",
                "detailed_status=done",
                "priority=urgent",
                "channel=fax",
                "overdue=yes",
                "sort=oldest",
                "sort=distance",
                "page_size=201",
                "submitter_phone=12",
                "service_code=NOPE",
                "agency_area=Streets Department",
                "page_token=garbage")) {
            CityApi.staff()
                    .when()
                    .get(QUEUE + "?" + query)
                    .then()
                    .statusCode(400)
                    .contentType(Api.JSON)
                    .body("[0].code", equalTo(400));
        }
        String token = CityApi.staff()
                .when()
                .get(QUEUE + "?" + WINDOW + "&page_size=2")
                .then()
                .statusCode(200)
                .extract()
                .path("next_page_token");
        CityApi.staff()
                .when()
                .get(QUEUE + "?" + WINDOW + "&priority=high&page_size=2&page_token=" + token)
                .then()
                .statusCode(400)
                .body("[0].description", containsString("another query"));
    }

    @Test
    void hostileValuesOfEveryParameterAreAnswersNeverFailures() {
        List<String> names = new ArrayList<>(WorkQueueParser.FILTERS);
        names.addAll(List.of("sort", "page_size", "page_token"));
        List<String> values = List.of(
                "",
                "\u0000",
                "\ud800",
                "'; DROP TABLE service_requests; --",
                "%",
                "x".repeat(5000),
                "-1",
                "99999999999999999999",
                "NaN",
                "1e309",
                "2003-02-30T25:61:00Z",
                ",,,",
                "\"\\",
                "(a & !b) | c:*");
        for (String name : names) {
            for (String value : values) {
                for (String path : List.of(QUEUE, QUEUE + "/counts")) {
                    int status = CityApi.staff()
                            .queryParam(name, value)
                            .when()
                            .get(path)
                            .then()
                            .contentType(Api.JSON)
                            .extract()
                            .statusCode();
                    assertTrue(status == 200 || status == 400, name + "=" + value + " on " + path + ": " + status);
                }
            }
        }
    }

    @Test
    void onlyStaffOfTheJurisdictionReadTheQueue() {
        given().when().get(QUEUE).then().statusCode(401).body("[0].code", equalTo(401));
        given().auth()
                .oauth2(Tokens.staff("elsewhere.example"))
                .when()
                .get(QUEUE)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.token("bob", java.util.Set.of("citizen"), List.of(CityApi.J)))
                .when()
                .get(QUEUE + "/counts")
                .then()
                .statusCode(403);
        given().auth().oauth2(Tokens.admin(CityApi.J)).when().get(QUEUE).then().statusCode(200);
    }

    /** Every page of a query, 7 at a time, following next_page_token. */
    private static List<String> readAll(String query) {
        List<String> ids = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonPath page = CityApi.staff()
                    .when()
                    .get(QUEUE + "?" + WINDOW + (query.isEmpty() ? "" : "&" + query) + "&page_size=7"
                            + (token == null ? "" : "&page_token=" + token))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<String> served = page.getList("requests.service_request_id");
            assertTrue(served.size() <= 7);
            ids.addAll(served);
            token = page.getString("next_page_token");
            assertTrue(++pages < 100, "paging ends");
        } while (token != null);
        return ids;
    }
}
