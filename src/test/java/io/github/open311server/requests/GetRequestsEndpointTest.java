package io.github.open311server.requests;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;

import io.github.open311server.support.Api;
import io.github.open311server.support.Db;

import static io.github.open311server.support.Api.V2;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasXPath;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class GetRequestsEndpointTest {

    private static final String MARK = "get-requests-test";

    @Inject
    Db db;

    @AfterEach
    void removeArrangedRequests() {
        db.update("DELETE FROM service_requests WHERE address = ?", MARK);
    }

    /** Inserts a request directly, to place it at any point in time. */
    private String arrange(String serviceCode, String status, String requestedAgo) {
        return db.value("""
                INSERT INTO service_requests (jurisdiction_ref, service_ref, status, requested_datetime, updated_datetime, address, location)
                SELECT s.jurisdiction_ref, s.id, ?, date_trunc('second', now() - ?::interval), now() - ?::interval, ?,
                       ST_SetSRID(ST_MakePoint(-89.65, 39.78), 4326)
                  FROM services s WHERE s.service_code = ?
                RETURNING service_request_id""", status, requestedAgo, requestedAgo, MARK, serviceCode);
    }

    @Test
    void defaultListCoversTheLast90DaysNewestFirst() {
        String recent = arrange("POTHOLE", "open", "1 day");
        String older = arrange("POTHOLE", "closed", "80 days");
        String tooOld = arrange("POTHOLE", "closed", "100 days");
        List<String> ids = given().when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .contentType(Api.JSON)
                .extract()
                .path("service_request_id");
        assertTrue(ids.indexOf(recent) >= 0 && ids.indexOf(recent) < ids.indexOf(older), ids.toString());
        assertTrue(!ids.contains(tooOld));
        List<String> times =
                given().when().get(V2 + "/requests.json").then().extract().path("requested_datetime");
        for (int i = 1; i < times.size(); i++) {
            assertTrue(
                    !OffsetDateTime.parse(times.get(i)).isAfter(OffsetDateTime.parse(times.get(i - 1))),
                    "newest first");
        }
    }

    @Test
    void serviceRequestIdListOverridesEveryOtherFilterAndTheWindow() {
        String tooOld = arrange("POTHOLE", "closed", "400 days");
        String recent = arrange("TREE.PRUNE", "open", "2 days");
        given().queryParam("service_request_id", tooOld + "," + recent + ",UNKNOWN")
                .queryParam("status", "open")
                .queryParam("service_code", "GRAF-01")
                .when()
                .get(V2 + "/requests.xml")
                .then()
                .statusCode(200)
                .body(hasXPath("count(/service_requests/request)", equalTo("2")))
                .body(hasXPath("/service_requests/request[1]/service_request_id", equalTo(recent)))
                .body(hasXPath("/service_requests/request[2]/service_request_id", equalTo(tooOld)));
    }

    @Test
    void filtersByStatusAndServiceCodeLists() {
        String open = arrange("POTHOLE", "open", "3 days");
        String closed = arrange("TREE.PRUNE", "closed", "3 days");
        given().queryParam("status", "open")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .body("status", everyItem(equalTo("open")))
                .body("service_request_id", hasItem(open));
        given().queryParam("status", "closed")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .body("status", everyItem(equalTo("closed")))
                .body("service_request_id", hasItem(closed));
        given().queryParam("status", "open,closed")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .body("service_request_id", hasItem(open))
                .body("service_request_id", hasItem(closed));
        given().queryParam("service_code", "TREE.PRUNE,GRAF-01")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .body("service_code", everyItem(Matchers.oneOf("TREE.PRUNE", "GRAF-01")))
                .body("service_request_id", hasItem(closed))
                .body("service_request_id", not(hasItem(open)));
        given().queryParam("service_code", "NOPE")
                .when()
                .get(V2 + "/requests.xml")
                .then()
                .statusCode(200)
                .body(hasXPath("count(/service_requests/request)", equalTo("0")));
    }

    @Test
    void startAndEndDatesAreInclusiveAndAnchorTheWindow() {
        String id = arrange("POTHOLE", "open", "10 days");
        String at = db.value(
                "SELECT to_char(requested_datetime AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                        + "FROM service_requests WHERE service_request_id = ?",
                id);
        given().queryParam("start_date", at)
                .queryParam("end_date", at)
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("service_request_id", equalTo(List.of(id)));
        given().queryParam("start_date", at)
                .when()
                .get(V2 + "/requests.json")
                .then()
                .body("service_request_id", hasItem(id));
        given().queryParam("end_date", at)
                .when()
                .get(V2 + "/requests.json")
                .then()
                .body("service_request_id", hasItem(id));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-05-01T10:00:00Z",
                "2024-05-01T10:00:00-05:00",
                "2024-05-01T10:00:00.123Z",
                "2024-05-01T10:00:00.5+02:00",
                "2024-05-01",
                "2024-05-01T10:00:00",
                "2024-05-01T10:00:00 02:00",
                "2024-05-01T10:00:00+0200"
            })
    void acceptsTheDateFormsRealClientsSend(String date) {
        given().queryParam("start_date", date)
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-13-01", "01/05/2024", "2024-05-01T25:00:00Z", "1714557600"})
    void rejectsAnythingElseWith400(String date) {
        given().queryParam("end_date", date)
                .when()
                .get(V2 + "/requests.xml")
                .then()
                .statusCode(400)
                .body(hasXPath("/errors/error/description", startsWith("end_date must be a W3C datetime")));
    }

    @Test
    void rejectsRangesLongerThan90DaysAndReversedRanges() {
        given().queryParam("start_date", "2024-01-01T00:00:00Z")
                .queryParam("end_date", "2024-05-01T00:00:00Z")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(400)
                .body("[0].description", startsWith("start_date to end_date may not span more than 90 days"));
        given().queryParam("start_date", "2024-05-01T00:00:00Z")
                .queryParam("end_date", "2024-04-01T00:00:00Z")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(400);
    }

    @Test
    void badStatusIs400() {
        given().queryParam("status", "open,pending")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(400)
                .body("[0].code", equalTo(400));
    }

    @Test
    void emptyOptionalParametersBehaveAsAbsent() {
        arrange("POTHOLE", "open", "1 hour");
        List<String> plain = given().when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .extract()
                .path("service_request_id");
        List<String> empty = given().queryParam("jurisdiction_id", "")
                .queryParam("service_request_id", "")
                .queryParam("service_code", "")
                .queryParam("start_date", "")
                .queryParam("end_date", "")
                .queryParam("status", "")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .extract()
                .path("service_request_id");
        assertEquals(plain, empty);
    }

    @Test
    void noMatchIsAnEmptyList() {
        given().queryParam("start_date", "1999-01-01")
                .queryParam("end_date", "1999-02-01")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        String xml = given().queryParam("start_date", "1999-01-01")
                .queryParam("end_date", "1999-02-01")
                .when()
                .get(V2 + "/requests.xml")
                .then()
                .statusCode(200)
                .body(hasXPath("count(/service_requests)", equalTo("1")))
                .extract()
                .asString();
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    }

    @Test
    void resultsAreCappedAt1000() {
        db.update("""
                INSERT INTO service_requests (jurisdiction_ref, service_ref, requested_datetime, updated_datetime, address)
                SELECT s.jurisdiction_ref, s.id, now() - interval '40 days' + g * interval '1 second', now(), ?
                  FROM services s, generate_series(1, 1001) g WHERE s.service_code = 'POTHOLE'""", MARK);
        given().queryParam("start_date", OffsetDateTime.now().minusDays(41).toString())
                .queryParam("end_date", OffsetDateTime.now().minusDays(39).toString())
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("$", hasSize(1000));
    }

    @Test
    void xmlAndJsonCarryTheSameRequests() {
        String id = arrange("GRAF-01", "closed", "5 days");
        XmlPath xml = given().queryParam("service_request_id", id)
                .when()
                .get(V2 + "/requests.xml")
                .then()
                .extract()
                .xmlPath();
        JsonPath json = given().queryParam("service_request_id", id)
                .when()
                .get(V2 + "/requests.json")
                .then()
                .extract()
                .jsonPath();
        List<String> fields = new ArrayList<>(List.of(
                "service_request_id",
                "status",
                "service_name",
                "service_code",
                "requested_datetime",
                "updated_datetime",
                "address",
                "lat",
                "long"));
        for (String field : fields) {
            assertEquals(json.getString("[0]." + field), xml.getString("service_requests.request." + field), field);
        }
    }

    @Test
    void singleRequestIsAOneElementListAndUnknownIs404() {
        String id = arrange("POTHOLE", "open", "1 day");
        given().when()
                .get(V2 + "/requests/" + id + ".xml")
                .then()
                .statusCode(200)
                .body(hasXPath("count(/service_requests/request)", equalTo("1")))
                .body(hasXPath("/service_requests/request/service_request_id", equalTo(id)));
        given().when().get(V2 + "/requests/SR-NOPE.json").then().statusCode(404).body("[0].code", equalTo(404));
        given().when()
                .get(V2 + "/requests/0.xml")
                .then()
                .statusCode(404)
                .body(hasXPath("/errors/error/code", equalTo("404")));
    }
}
