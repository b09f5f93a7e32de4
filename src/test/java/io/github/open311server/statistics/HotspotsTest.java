package io.github.open311server.statistics;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import io.github.open311server.support.Db;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rodent case: 40 requests planted within 50 m of one spot in March 2002, over uniform noise of 200
 * requests a month on a 5 x 5 km square. Clusters find the planted spot and nothing in the noise alone; a
 * grid puts every request in exactly one cell; comparing March with February shows where it grew.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotspotsTest {

    private static final double LON = 30.0;
    private static final double LAT = 30.0;
    private static final double METRES_PER_DEGREE = 111_320;
    private static final int PLANTED = 40;
    private static final int NOISE = 200;
    private static final String FEBRUARY = "start_date=2002-02-01&end_date=2002-03-01";
    private static final String MARCH = "start_date=2002-03-01&end_date=2002-04-01";
    private static final String AREA = "&bbox=29.9,29.9,30.1,30.1&service_code=POTHOLE";

    @Inject
    Db db;

    @BeforeAll
    void plant() {
        Random random = new Random(2002);
        String prefix = "HS-" + UUID.randomUUID().toString().substring(0, 8);
        double lonMetres = METRES_PER_DEGREE * Math.cos(Math.toRadians(LAT));
        for (int i = 0; i < PLANTED; i++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double distance = 50 * Math.sqrt(random.nextDouble());
            store(
                    prefix + "-P" + i,
                    2002,
                    3,
                    LON + distance * Math.cos(angle) / lonMetres,
                    LAT + distance * Math.sin(angle) / METRES_PER_DEGREE,
                    random);
        }
        for (int month = 2; month <= 3; month++) {
            for (int i = 0; i < NOISE; i++) {
                store(
                        prefix + "-N" + month + "-" + i,
                        2002,
                        month,
                        LON + (random.nextDouble() - 0.5) * 5000 / lonMetres,
                        LAT + (random.nextDouble() - 0.5) * 5000 / METRES_PER_DEGREE,
                        random);
            }
        }
    }

    private void store(String id, int year, int month, double lon, double lat, Random random) {
        OffsetDateTime at = OffsetDateTime.of(year, month, 5 + random.nextInt(20), 12, 0, 0, 0, ZoneOffset.UTC);
        db.update("""
                INSERT INTO service_requests (service_request_id, jurisdiction_ref, service_ref, status, detailed_status,
                    requested_datetime, updated_datetime, location)
                SELECT ?, j.id, s.id, ?, ?, ?::timestamptz, ?::timestamptz, ST_SetSRID(ST_MakePoint(?, ?), 4326)
                  FROM jurisdictions j JOIN services s ON s.jurisdiction_ref = j.id
                 WHERE j.jurisdiction_id = 'testcity.example' AND s.service_code = 'POTHOLE'""", id, random.nextBoolean() ? "open" : "closed", "received", at, at, lon, lat);
    }

    private static JsonPath get(String path) {
        return given().when()
                .get("/open311/v2/hotspots/" + path)
                .then()
                .statusCode(200)
                .contentType(containsString("application/geo+json"))
                .body("type", equalTo("FeatureCollection"))
                .extract()
                .jsonPath();
    }

    private static double metresFromPlant(List<Float> lonLat) {
        double dx = (lonLat.get(0) - LON) * METRES_PER_DEGREE * Math.cos(Math.toRadians(LAT));
        double dy = (lonLat.get(1) - LAT) * METRES_PER_DEGREE;
        return Math.hypot(dx, dy);
    }

    @Test
    void clustersFindThePlantedSpotAndNothingInNoise() {
        JsonPath march = get("clusters.geojson?" + MARCH + AREA + "&distance=60&min_size=8");
        List<Map<String, Object>> features = march.getList("features");
        assertEquals(1, features.size(), "one cluster: " + features);
        int count = march.getInt("features[0].properties.count");
        assertTrue(
                count >= PLANTED && count <= PLANTED + 3,
                "the planted 40, and at most a few noise neighbours: " + count);
        assertTrue(metresFromPlant(march.getList("features[0].properties.centroid")) < 20, "centroid near the plant");
        assertEquals("Polygon", march.getString("features[0].geometry.type"));
        List<String> sample = march.getList("features[0].properties.sample_ids");
        assertTrue(sample.size() == 5 && sample.stream().allMatch(id -> id.startsWith("HS-")), sample.toString());

        JsonPath february = get("clusters.geojson?" + FEBRUARY + AREA + "&distance=60&min_size=8");
        assertEquals(List.of(), february.getList("features"), "uniform noise has no cluster");
        // the noise is there: the grid of the same window holds all of it
        assertEquals(NOISE, total(get("grid.geojson?" + FEBRUARY + AREA), "count"));
    }

    @Test
    void aGridPutsEveryRequestInOneCellAndComparesWindows() {
        for (String cell : List.of("hexagon", "square")) {
            JsonPath grid = get("grid.geojson?" + MARCH + AREA + "&cell=" + cell + "&size=200"
                    + "&compare_start_date=2002-02-01&compare_end_date=2002-03-01");
            assertEquals(PLANTED + NOISE, total(grid, "count"), cell + ": every request of March in one cell");
            assertEquals(NOISE, total(grid, "compare_count"), cell + ": every request of February in one cell");
            assertEquals(PLANTED, total(grid, "change"), cell);
            List<Map<String, Object>> features = grid.getList("features");
            Map<String, Object> densest = features.stream()
                    .max((a, b) -> Integer.compare(count(a), count(b)))
                    .orElseThrow();
            assertTrue(count(densest) >= PLANTED / 3, cell + ": the planted spot is the densest cell " + densest);
            assertEquals(grid.getString("features[0].geometry.type"), "Polygon");
            assertEquals(200.0, grid.getDouble("size_metres"));
        }
        JsonPath sparse = get("grid.geojson?" + MARCH + AREA + "&size=200&min_count=8");
        assertFalse(sparse.getList("features").isEmpty());
        assertTrue(sparse.getList("features.properties.count", Integer.class).stream()
                .allMatch(c -> c >= 8));
    }

    @Test
    void staffActOnTheOpenRequestsOfAHotspot() {
        JsonPath cluster = get("clusters.geojson?" + MARCH + AREA + "&distance=60&min_size=8");
        Map<String, Object> polygon = cluster.getMap("features[0].geometry");
        List<String> plantedOpen = db.column(
                "SELECT service_request_id FROM service_requests WHERE service_request_id LIKE 'HS-%-P%' AND status = 'open'");
        assertFalse(plantedOpen.isEmpty());
        String path = "/staff/v1/jurisdictions/testcity.example/requests/area-changes";
        Map<String, Object> body = Map.of(
                "area",
                polygon,
                "service_codes",
                List.of("POTHOLE"),
                "change",
                Map.of("detailed_status", "scheduled", "public_note", "Baiting scheduled for the block"),
                "dry_run",
                true);
        JsonPath dry = staff().body(body)
                .when()
                .post(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(dry.getBoolean("dry_run"));
        assertTrue(dry.getList("changed", String.class).containsAll(plantedOpen), dry.prettify());
        assertEquals(
                List.of(),
                db.column("SELECT service_request_id FROM service_requests WHERE service_request_id"
                        + " LIKE 'HS-%' AND detailed_status = 'scheduled'"),
                "a dry run changes nothing");

        Map<String, Object> real = new java.util.HashMap<>(body);
        real.put("dry_run", false);
        JsonPath done = staff().body(real)
                .when()
                .post(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> changed = done.getList("changed", String.class);
        assertEquals(dry.getList("changed", String.class), changed);
        assertEquals(done.getInt("matched"), changed.size());
        assertEquals(
                changed.stream().sorted().toList(),
                db.column("SELECT service_request_id FROM service_requests WHERE service_request_id LIKE 'HS-%'"
                        + " AND detailed_status = 'scheduled' ORDER BY service_request_id"),
                "exactly the requests inside the area changed");
        assertEquals(
                "Baiting scheduled for the block",
                db.value(
                        "SELECT h.note FROM request_history h JOIN service_requests r ON r.id = h.request_ref"
                                + " WHERE r.service_request_id = ? AND h.action = 'status_changed'",
                        changed.get(0)));

        // what is already so is left alone; a change one request refuses refuses the whole call
        JsonPath again = staff().body(Map.of("area", polygon, "change", Map.of("detailed_status", "scheduled")))
                .when()
                .post(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(List.of(), again.getList("changed"));
        assertTrue(again.getList("unchanged", String.class).containsAll(changed));
        staff().body(Map.of("area", polygon, "change", Map.of("detailed_status", "resolved", "priority", "urgent")))
                .when()
                .post(path)
                .then()
                .statusCode(400)
                .body("[0].description", containsString("priority must be"));
        assertEquals(
                List.of(),
                db.column("SELECT service_request_id FROM service_requests WHERE service_request_id LIKE 'HS-%'"
                        + " AND detailed_status = 'resolved'"),
                "all or nothing");

        staff().body(Map.of("area", Map.of("type", "Point", "coordinates", List.of(30, 30)), "change", Map.of()))
                .when()
                .post(path)
                .then()
                .statusCode(400)
                .body("[0].description", containsString("Polygon"));
        staff().body(Map.of("area", Map.of("type", "Polygon", "coordinates", "nonsense"), "change", Map.of()))
                .when()
                .post(path)
                .then()
                .statusCode(400);
    }

    private static io.restassured.specification.RequestSpecification staff() {
        return given().auth()
                .oauth2(io.github.open311server.support.Tokens.staff("testcity.example"))
                .contentType("application/json");
    }

    @Test
    void badHotspotQuestionsAreErrors() {
        given().when().get("/open311/v2/hotspots/heatmap.geojson").then().statusCode(404);
        given().when().get("/open311/v2/hotspots/grid.json").then().statusCode(404);
        given().when()
                .get("/open311/v2/hotspots/grid.geojson?cell=triangle&size=1&min_count=0")
                .then()
                .statusCode(400)
                .body("size()", equalTo(3));
        given().when()
                .get("/open311/v2/hotspots/clusters.geojson?compare_start_date=2002-01-01")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("go together"));
        given().when()
                .get("/open311/v2/hotspots/clusters.geojson?compare_start_date=2002-01-01&compare_end_date=2002-02-01")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("apply to the grid"));
        given().when()
                .get("/open311/v2/hotspots/grid.geojson?group_by=status")
                .then()
                .statusCode(400);
    }

    @SuppressWarnings("unchecked")
    private static int count(Map<String, Object> feature) {
        return (Integer) ((Map<String, Object>) feature.get("properties")).get("count");
    }

    private static int total(JsonPath grid, String property) {
        return grid.getList("features.properties." + property, Integer.class).stream()
                .mapToInt(Integer::intValue)
                .sum();
    }
}
