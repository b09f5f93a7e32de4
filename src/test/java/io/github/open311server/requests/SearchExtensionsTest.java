package io.github.open311server.requests;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import io.github.open311server.support.Api;
import io.github.open311server.support.Db;

import static io.github.open311server.support.Api.V2;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasXPath;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GET requests extensions of reference section 6: geography, sync, text, paging, GeoJSON. */
@QuarkusTest
class SearchExtensionsTest {

    private static final String MARK = "search-extensions-test";

    @Inject
    Db db;

    @AfterEach
    void cleanUp() {
        db.update("DELETE FROM service_requests WHERE zipcode = ?", MARK);
    }

    private String arrange(double lon, double lat, String ago, String description, String agency) {
        return db.value("""
                INSERT INTO service_requests (jurisdiction_ref, service_ref, requested_datetime, updated_datetime, zipcode,
                                              location, description, agency_responsible)
                SELECT s.jurisdiction_ref, s.id, date_trunc('second', now() - ?::interval), now() - ?::interval, ?,
                       ST_SetSRID(ST_MakePoint(?, ?), 4326), ?, ?
                  FROM services s WHERE s.service_code = 'POTHOLE'
                RETURNING service_request_id""", ago, ago, MARK, lon, lat, description, agency);
    }

    @Test
    void bboxKeepsOnlyRequestsInsideTheBox() {
        String inside = arrange(-89.60, 39.70, "1 hour", "inside", null);
        String outside = arrange(-89.40, 39.70, "1 hour", "outside", null);
        given().queryParam("bbox", "-89.7,39.6,-89.5,39.75")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(inside))
                .body("service_request_id", not(hasItem(outside)));
    }

    @Test
    void radiusInMetresAndDistanceOrder() {
        String near = arrange(-89.5000, 39.5000, "2 hours", "near", null); // the centre
        String mid = arrange(-89.5000, 39.5030, "1 hour", "mid", null); // ~333 m north
        String far = arrange(-89.5000, 39.5100, "3 hours", "far", null); // ~1.1 km north
        given().queryParam("lat", "39.5")
                .queryParam("long", "-89.5")
                .queryParam("radius", "500")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(near))
                .body("service_request_id", hasItem(mid))
                .body("service_request_id", not(hasItem(far)));
        List<String> byDistance = given().queryParam("lat", "39.5")
                .queryParam("long", "-89.5")
                .queryParam("radius", "2000")
                .queryParam("sort", "distance")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .extract()
                .path("service_request_id");
        assertTrue(
                byDistance.indexOf(near) < byDistance.indexOf(mid) && byDistance.indexOf(mid) < byDistance.indexOf(far),
                byDistance.toString());
    }

    @Test
    void updatedAfterFindsChangesOutsideThe90DayWindow() {
        String old = db.value("""
                INSERT INTO service_requests (jurisdiction_ref, service_ref, requested_datetime, updated_datetime, zipcode)
                SELECT s.jurisdiction_ref, s.id, now() - interval '200 days', now() - interval '1 minute', ?
                  FROM services s WHERE s.service_code = 'POTHOLE' RETURNING service_request_id""", MARK);
        given().when().get(V2 + "/requests.json").then().body("service_request_id", not(hasItem(old)));
        List<String> changed = given().queryParam(
                        "updated_after", OffsetDateTime.now().minusMinutes(5).toString())
                .queryParam("sort", "updated_datetime")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .extract()
                .path("service_request_id");
        assertTrue(changed.contains(old));
        given().queryParam("updated_before", OffsetDateTime.now().minusHours(1).toString())
                .queryParam("updated_after", OffsetDateTime.now().minusHours(2).toString())
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("service_request_id", not(hasItem(old)));
    }

    @Test
    void fullTextSearchOverDescriptionAddressAndNotes() {
        String hit = arrange(-89.6, 39.7, "1 hour", "Huge crater swallowing bicycles", null);
        arrange(-89.6, 39.7, "1 hour", "Streetlight flickering", null);
        given().queryParam("q", "crater")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("service_request_id", equalTo(List.of(hit)));
        given().queryParam("q", "bicycles crater")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .body("service_request_id", equalTo(List.of(hit)));
    }

    @Test
    void agencyFilterIsCaseInsensitive() {
        String hit = arrange(-89.6, 39.7, "1 hour", "x", "Forestry Division");
        given().queryParam("agency_responsible", "forestry division")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(hit))
                .body("agency_responsible", everyItem(equalTo("Forestry Division")));
    }

    @Test
    void pageAndPageSizePartitionTheResultWithoutOverlap() {
        for (int i = 0; i < 7; i++) {
            arrange(-89.6, 39.7, (i + 1) + " minutes", "partitioned " + i, null);
        }
        String window = "start_date";
        String since = OffsetDateTime.now().minusMinutes(10).toString();
        List<String> all = new ArrayList<>();
        for (int page = 1; page <= 4; page++) {
            all.addAll(given().queryParam(window, since)
                    .queryParam("q", "partitioned")
                    .queryParam("page_size", "2")
                    .queryParam("page", String.valueOf(page))
                    .when()
                    .get(V2 + "/requests.json")
                    .then()
                    .statusCode(200)
                    .extract()
                    .<List<String>>path("service_request_id"));
        }
        List<String> direct = given().queryParam(window, since)
                .queryParam("q", "partitioned")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .extract()
                .path("service_request_id");
        assertEquals(7, direct.size());
        assertEquals(direct, all);
        assertEquals(new HashSet<>(all).size(), all.size());
        given().queryParam(window, since)
                .queryParam("page_size", "2")
                .queryParam("page", "99")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void cursorFollowsTheNextLinkToTheEndAndReportsTheTotal() {
        for (int i = 0; i < 5; i++) {
            arrange(-89.6, 39.7, (i + 1) + " seconds", "cursor " + i, null);
        }
        String since = OffsetDateTime.now().minusMinutes(1).toString();
        Response first = given().queryParam("start_date", since)
                .queryParam("q", "cursor")
                .queryParam("page_size", "2")
                .when()
                .get(V2 + "/requests.xml");
        first.then()
                .statusCode(200)
                .header("X-Total-Count", "5")
                .header("Link", containsString("rel=\"next\""))
                .body(hasXPath("count(/service_requests/request)", equalTo("2")));
        List<String> seen = new ArrayList<>(first.xmlPath().getList("service_requests.request.service_request_id"));
        String token = first.header("X-Next-Page-Token");
        int pages = 1;
        while (token != null) {
            Response next = given().queryParam("start_date", since)
                    .queryParam("q", "cursor")
                    .queryParam("page_size", "2")
                    .queryParam("page_token", token)
                    .when()
                    .get(V2 + "/requests.json");
            next.then().statusCode(200);
            seen.addAll(next.jsonPath().getList("service_request_id"));
            token = next.header("X-Next-Page-Token");
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(5, seen.size());
        assertEquals(5, new HashSet<>(seen).size());
    }

    @Test
    void pageTokensAreCheckedAgainstTheirQuery() {
        given().queryParam("page_token", "garbage")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(400)
                .body("[0].description", startsWith("page_token is not valid"));
        arrange(-89.6, 39.7, "1 second", "a", null);
        arrange(-89.6, 39.7, "2 seconds", "b", null);
        String token = given().queryParam("page_size", "1")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .extract()
                .header("X-Next-Page-Token");
        given().queryParam("page_size", "1")
                .queryParam("status", "closed")
                .queryParam("page_token", token)
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(400)
                .body("[0].description", startsWith("page_token belongs to another query"));
    }

    @Test
    void badExtensionValuesAre400() {
        for (String[] bad : List.of(
                new String[] {"bbox", "-89.5,39.7,-89.6,39.8"},
                new String[] {"bbox", "1,2,3"},
                new String[] {"bbox", "a,b,c,d"},
                new String[] {"radius", "999999"},
                new String[] {"page_size", "5000"},
                new String[] {"page_size", "0"},
                new String[] {"page", "-1"},
                new String[] {"sort", "name"},
                new String[] {"q", "a"},
                new String[] {"extensions", "maybe"},
                new String[] {"updated_after", "soon"})) {
            var spec = given().queryParam(bad[0], bad[1]);
            if (bad[0].equals("radius")) {
                spec = spec.queryParam("lat", "39.7").queryParam("long", "-89.6");
            }
            spec.when()
                    .get(V2 + "/requests.xml")
                    .then()
                    .statusCode(400)
                    .body(hasXPath("/errors/error/code", equalTo("400")));
        }
        given().queryParam("lat", "39.7")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(400);
        given().queryParam("sort", "distance")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(400);
    }

    @Test
    void extensionsAddDetailedStatusMediaAndPublicHistoryOnlyWhenAsked() {
        String id = Api.post(
                        "json",
                        "api_key",
                        "test-key",
                        "service_code",
                        "POTHOLE",
                        "lat",
                        "39.71",
                        "long",
                        "-89.61",
                        "media_url",
                        "https://img.example.org/1.jpg",
                        "media_url",
                        "https://img.example.org/2.jpg",
                        "zipcode",
                        MARK)
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        db.update("""
                INSERT INTO request_history (request_ref, actor, action, changes, note, public)
                SELECT id, 'staff:x', 'note', '{}', 'internal only: caller was rude', false FROM service_requests WHERE service_request_id = ?""", id);
        given().queryParam("service_request_id", id)
                .when()
                .get(V2 + "/requests.json")
                .then()
                .body("[0]", not(hasKey("extended_attributes")));
        given().queryParam("service_request_id", id)
                .queryParam("extensions", "true")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("[0].media_url", equalTo("https://img.example.org/1.jpg"))
                .body("[0].extended_attributes.detailed_status", equalTo("received"))
                .body(
                        "[0].extended_attributes.media_urls",
                        equalTo(List.of("https://img.example.org/1.jpg", "https://img.example.org/2.jpg")))
                .body("[0].extended_attributes.history", hasSize(1))
                .body("[0].extended_attributes.history[0].type", equalTo("created"))
                .body("[0].extended_attributes.history[0].status", equalTo("open"));
        String xml = given().queryParam("extensions", "true")
                .when()
                .get(V2 + "/requests/" + id + ".xml")
                .then()
                .statusCode(200)
                .body(hasXPath(
                        "/service_requests/request/extended_attributes/media_urls/media_url[2]",
                        equalTo("https://img.example.org/2.jpg")))
                .body(hasXPath("/service_requests/request/extended_attributes/history/entry/type", equalTo("created")))
                .extract()
                .asString();
        assertTrue(!xml.contains("internal only"));
    }

    @Test
    void geoJsonIsAFeatureCollectionThatCountsRequestsWithoutLocation() {
        String located = arrange(-89.61, 39.71, "1 minute", "located", null);
        String unlocated = db.value("""
                INSERT INTO service_requests (jurisdiction_ref, service_ref, zipcode, address)
                SELECT s.jurisdiction_ref, s.id, ?, '1 Nowhere Rd' FROM services s WHERE s.service_code = 'POTHOLE'
                RETURNING service_request_id""", MARK);
        given().queryParam("service_request_id", located + "," + unlocated)
                .when()
                .get(V2 + "/requests.geojson")
                .then()
                .statusCode(200)
                .contentType("application/geo+json; charset=utf-8")
                .body("type", equalTo("FeatureCollection"))
                .body("features", hasSize(1))
                .body("features[0].type", equalTo("Feature"))
                .body("features[0].geometry.type", equalTo("Point"))
                .body("features[0].geometry.coordinates", equalTo(List.of(-89.61f, 39.71f)))
                .body("features[0].properties.service_request_id", equalTo(located))
                .body("features[0].properties", not(hasKey("lat")))
                .body("without_location", equalTo(1));
        given().when()
                .get(V2 + "/services.geojson")
                .then()
                .statusCode(404)
                .contentType("application/json; charset=utf-8");
        given().queryParam("bbox", "9,9,1,1")
                .when()
                .get(V2 + "/requests.geojson")
                .then()
                .statusCode(400)
                .body("[0].code", equalTo(400));
    }

    @Test
    void totalsAreNotCountedUnlessAPageIsAskedFor() {
        given().when().get(V2 + "/requests.json").then().header("X-Total-Count", nullValue());
        // counted or, when the test database holds more than 1000 recent requests, the planner's estimate
        Response first = given().queryParam("page_size", "10").when().get(V2 + "/requests.json");
        assertTrue(
                first.header("X-Total-Count") != null || first.header("X-Total-Count-Estimate") != null,
                "a first page with page_size carries its total");
    }

    @Test
    void aFirstPageThatHoldsEveryMatchIsItsOwnCount() {
        for (int i = 0; i < 3; i++) {
            arrange(-89.6, 39.7, i + 1 + " hours", "wholly on one page", null);
        }
        given().queryParam("q", "wholly")
                .queryParam("page_size", "10")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("$", hasSize(3))
                .header("X-Total-Count", "3")
                .header("X-Total-Count-Estimate", nullValue());
    }

    /**
     * 2,500 requests filed on one day of 2001, a second apart: the planner knows them after ANALYZE. A full first
     * page over all of them gets the planner's estimate, not a count; over the first 20 it gets the exact count.
     */
    @Test
    void totalsBeyondTheLimitAreThePlannersEstimateAndSmallOnesAreCounted() {
        db.update("""
                INSERT INTO service_requests (jurisdiction_ref, service_ref, requested_datetime, updated_datetime, zipcode)
                SELECT s.jurisdiction_ref, s.id, timestamptz '2001-01-01 00:00:00Z' + n * interval '1 second',
                       timestamptz '2001-01-01 00:00:00Z' + n * interval '1 second', ?
                  FROM services s, generate_series(1, 2500) n WHERE s.service_code = 'POTHOLE'""", MARK);
        db.update("ANALYZE service_requests");
        try {
            assertTotalsOf2001();
        } finally {
            db.update("DELETE FROM service_requests WHERE zipcode = ?", MARK);
            db.update("ANALYZE service_requests"); // no later test plans with 2,500 rows that are gone
        }
    }

    private void assertTotalsOf2001() {
        Response all = given().queryParam("start_date", "2001-01-01T00:00:00Z")
                .queryParam("end_date", "2001-01-02T00:00:00Z")
                .queryParam("page_size", "10")
                .when()
                .get(V2 + "/requests.json");
        all.then().statusCode(200).body("$", hasSize(10)).header("X-Total-Count", nullValue());
        long estimate = Long.parseLong(all.header("X-Total-Count-Estimate"));
        assertTrue(estimate > 1000 && estimate < 5000, "the planner's estimate of 2,500 matches: " + estimate);

        given().queryParam("start_date", "2001-01-01T00:00:00Z")
                .queryParam("end_date", "2001-01-01T00:00:20Z")
                .queryParam("page_size", "10")
                .when()
                .get(V2 + "/requests.xml")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "20")
                .header("X-Total-Count-Estimate", nullValue());
    }
}
