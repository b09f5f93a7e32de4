package io.github.open311server.updates;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import io.github.open311server.support.Api;
import io.github.open311server.support.Db;
import io.github.open311server.support.Tokens;

import static io.github.open311server.support.Api.V2;
import static io.github.open311server.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasXPath;
import static org.hamcrest.Matchers.matchesPattern;

/** The mySociety servicerequestupdates resource, as FixMyStreet pulls and pushes it. */
@QuarkusTest
class ServiceRequestUpdatesTest {

    private static final String CRM_KEY = "crm-updates-key";

    @Inject
    Db db;

    @BeforeEach
    void crmClient() {
        db.update("""
                INSERT INTO api_clients (name, key_prefix, key_hash, scopes)
                SELECT 'city crm', 'crm-upda', encode(sha256(?::bytea), 'hex'), '{create_requests,post_updates}'
                 WHERE NOT EXISTS (SELECT 1 FROM api_clients WHERE key_prefix = 'crm-upda')""", CRM_KEY);
    }

    private static ValidatableResponse push(
            String key, String requestId, String updateId, String status, String description) {
        return Api.form()
                .formParam("api_key", key)
                .formParam("jurisdiction_id", "testcity.example")
                .formParam("service_request_id", requestId)
                .formParam("update_id", updateId)
                .formParam("status", status)
                .formParam("updated_datetime", "2024-05-04T15:40:00Z")
                .formParam("description", description)
                .formParam("external_status_code", "WO-17")
                .when()
                .post(V2 + "/servicerequestupdates.xml")
                .then();
    }

    @Test
    void pushedUpdatesChangeTheRequestAndAreIdempotent() {
        String id = Api.postPothole("updates");
        String updateId = "upd-" + System.nanoTime();
        String first = push(CRM_KEY, id, updateId, "FIXED", "Repaired with cold patch.")
                .statusCode(200)
                .contentType(Api.XML)
                .body(hasXPath("/service_request_updates/request_update/update_id", matchesPattern("\\d+")))
                .extract()
                .xmlPath()
                .getString("service_request_updates.request_update.update_id");
        push(CRM_KEY, id, updateId, "FIXED", "Repaired with cold patch.")
                .statusCode(200)
                .body(hasXPath("/service_request_updates/request_update/update_id", equalTo(first)));
        push(CRM_KEY, id, updateId, "CLOSED", "Something else")
                .statusCode(409)
                .body(hasXPath("/errors/error/code", equalTo("409")));
        given().when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .body("[0].status", equalTo("closed"))
                .body("[0].status_notes", equalTo("Repaired with cold patch."));
        Assertions.assertEquals(
                "1",
                db.value(
                        "SELECT count(*) FROM request_history h JOIN service_requests r ON r.id = h.request_ref "
                                + "WHERE r.service_request_id = ? AND h.action = 'external_update'",
                        id));
    }

    @Test
    void pushingNeedsTheUpdateScopeAndAKnownRequestAndStatus() {
        String id = Api.postPothole("updates");
        push("test-key", id, "u-1", "FIXED", "x").statusCode(403);
        push(CRM_KEY, "SR-NOPE", "u-2", "FIXED", "x").statusCode(404);
        push(CRM_KEY, id, "u-3", "MELTED", "x").statusCode(400);
        Api.form()
                .formParam("api_key", CRM_KEY)
                .formParam("service_request_id", id)
                .when()
                .post(V2 + "/servicerequestupdates.json")
                .then()
                .statusCode(400)
                .body("description", hasItem("update_id is required"))
                .body("description", hasItem("status is required"));
    }

    @Test
    void staffChangesAreListedForPullingClients() {
        String id = Api.postPothole("updates");
        given().auth()
                .oauth2(Tokens.staff("testcity.example"))
                .contentType("application/json")
                .body(
                        "{\"version\": 0, \"detailed_status\": \"scheduled\", \"status_notes\": \"Crew booked for Monday\"}")
                .when()
                .patch("/staff/v1/jurisdictions/testcity.example/requests/" + id)
                .then()
                .statusCode(200);
        given().queryParam("api_key", "test-key")
                .queryParam("jurisdiction_id", "testcity.example")
                .queryParam("start_date", OffsetDateTime.now().minusHours(1).toString())
                .queryParam("end_date", OffsetDateTime.now().plusMinutes(1).toString())
                .when()
                .get(V2 + "/servicerequestupdates.xml")
                .then()
                .statusCode(200)
                .body(hasXPath(
                        "/service_request_updates/request_update[service_request_id='" + id + "']/status",
                        equalTo("action_scheduled")))
                .body(hasXPath(
                        "/service_request_updates/request_update[service_request_id='" + id + "']/description",
                        equalTo("Crew booked for Monday")));
        given().queryParam("start_date", "2024-01-01T00:00:00Z")
                .queryParam("end_date", "2024-06-01T00:00:00Z")
                .when()
                .get(V2 + "/servicerequestupdates.json")
                .then()
                .statusCode(400);
    }

    @Test
    void duplicateHintsComeBackAndHintModeFilesOnlyWhenConfirmed() {
        String lat = "39.6512";
        String lon = "-89.7123";
        String first = post("json", "api_key", "test-key", "service_code", "POTHOLE", "lat", lat, "long", lon)
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        post("json", "api_key", "test-key", "service_code", "POTHOLE", "lat", "39.65122", "long", lon)
                .statusCode(200)
                .body("[0].service_request_id", Matchers.startsWith("SR-"))
                .body("[0]", Matchers.not(Matchers.hasKey("duplicate_candidates")))
                .body("[0].service_notice", Matchers.containsString(first));
        post(
                        "json",
                        "api_key",
                        "test-key",
                        "service_code",
                        "POTHOLE",
                        "lat",
                        "39.65122",
                        "long",
                        lon,
                        "extensions",
                        "true")
                .statusCode(200)
                .body("[0].duplicate_candidates.service_request_id", Matchers.hasItem(first));
        post(
                        "xml",
                        "api_key",
                        "test-key",
                        "service_code",
                        "POTHOLE",
                        "lat",
                        lat,
                        "long",
                        lon,
                        "duplicate_check",
                        "true")
                .statusCode(200)
                .body(hasXPath("count(/service_requests/request/service_request_id)", equalTo("0")))
                .body(hasXPath(
                        "/service_requests/request/duplicate_candidates/candidate[1]/service_request_id",
                        equalTo(first)));
        post(
                        "json",
                        "api_key",
                        "test-key",
                        "service_code",
                        "POTHOLE",
                        "lat",
                        lat,
                        "long",
                        lon,
                        "duplicate_check",
                        "true",
                        "confirm_duplicate",
                        "true")
                .statusCode(200)
                .body("[0].service_request_id", Matchers.startsWith("SR-"));
        post("json", "api_key", "test-key", "service_code", "NOISE", "lat", lat, "long", lon)
                .statusCode(200)
                .body("[0]", Matchers.not(Matchers.hasKey("duplicate_candidates")));
    }
}
