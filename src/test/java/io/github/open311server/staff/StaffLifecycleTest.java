package io.github.open311server.staff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import io.github.open311server.support.Db;
import io.github.open311server.support.Tokens;

import static io.github.open311server.support.Api.KEY;
import static io.github.open311server.support.Api.V2;
import static io.github.open311server.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasXPath;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class StaffLifecycleTest {

    private static final String PATH = "/staff/v1/jurisdictions/testcity.example/requests/";

    @Inject
    Db db;

    private static RequestSpecification staff() {
        return given().auth().oauth2(Tokens.staff("testcity.example")).contentType("application/json");
    }

    private static String newRequest() {
        return post(
                        "json",
                        "api_key",
                        KEY,
                        "service_code",
                        "POTHOLE",
                        "address_string",
                        "9 Lifecycle Rd",
                        "email",
                        "reporter@example.org",
                        "phone",
                        "555-0199",
                        "description",
                        "lifecycle")
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
    }

    @Test
    void staffSeeEverythingIncludingContactDataAndVersion() {
        String id = newRequest();
        staff().when()
                .get(PATH + id)
                .then()
                .statusCode(200)
                .body("service_request_id", equalTo(id))
                .body("version", equalTo(0))
                .body("detailed_status", equalTo("received"))
                .body("submitter.email", equalTo("reporter@example.org"))
                .body("history[0].action", equalTo("created"))
                .body("history[0].actor", equalTo("api_client:test client"));
        staff().when().get(PATH + "SR-NOPE").then().statusCode(404).body("[0].code", equalTo(404));
    }

    @Test
    void aStatusChangeShowsInThePublicAnswersAtOnce() {
        String id = newRequest();
        staff().body("""
                {"version": 0, "detailed_status": "in_progress", "status_notes": "Crew dispatched",
                 "agency_responsible": "Night Crew", "expected_datetime": "2031-01-02T03:04:05Z"}""")
                .when()
                .patch(PATH + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("status", equalTo("open"))
                .body("detailed_status", equalTo("in_progress"));
        given().queryParam("extensions", "true")
                .when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("open"))
                .body("[0].status_notes", equalTo("Crew dispatched"))
                .body("[0].agency_responsible", equalTo("Night Crew"))
                .body("[0].expected_datetime", startsWith("2031-01-01T21:04:05"))
                .body("[0].extended_attributes.detailed_status", equalTo("in_progress"))
                .body("[0].extended_attributes.history[1].type", equalTo("status_changed"))
                .body("[0].extended_attributes.history[1].detailed_status", equalTo("in_progress"));

        String etag =
                staff().when().get(PATH + id).then().statusCode(200).extract().header("ETag");
        Assertions.assertEquals("\"1\"", etag);
        staff().header("If-Match", "\"0\"")
                .body("{\"detailed_status\": \"resolved\"}")
                .when()
                .patch(PATH + id)
                .then()
                .statusCode(412)
                .body("[0].code", equalTo(412));
        staff().header("If-Match", etag)
                .body("{\"detailed_status\": \"resolved\", \"status_notes\": \"Patched\"}")
                .when()
                .patch(PATH + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("closed"))
                .header("ETag", "\"2\"");
        given().queryParam("extensions", "true")
                .when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .body("[0].extended_attributes.history[2].status", equalTo("closed"));
        given().when()
                .get(V2 + "/requests/" + id + ".xml")
                .then()
                .body(hasXPath("/service_requests/request/status", equalTo("closed")))
                .body(hasXPath("/service_requests/request/status_notes", equalTo("Patched")));
        given().queryParam("status", "closed")
                .queryParam("service_request_id", id)
                .when()
                .get(V2 + "/requests.json")
                .then()
                .body("service_request_id", hasItem(id));
    }

    @Test
    void staleVersionsAreRefusedAndMissingOnesRequired() {
        String id = newRequest();
        staff().body("{\"version\": 0, \"status_notes\": \"first\"}")
                .when()
                .patch(PATH + id)
                .then()
                .statusCode(200);
        staff().body("{\"version\": 0, \"status_notes\": \"second, from a stale screen\"}")
                .when()
                .patch(PATH + id)
                .then()
                .statusCode(409)
                .body("[0].code", equalTo(409));
        staff().body("{\"status_notes\": \"no version\"}")
                .when()
                .patch(PATH + id)
                .then()
                .statusCode(428);
        given().when().get(V2 + "/requests/" + id + ".json").then().body("[0].status_notes", equalTo("first"));
    }

    @Test
    void concurrentChangesAgainstOneVersionLetExactlyOneWin() throws Exception {
        String id = newRequest();
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            Thread thread = new Thread(
                    () -> statuses.add(staff().body("{\"version\": 0, \"status_notes\": \"writer " + n + "\"}")
                            .when()
                            .patch(PATH + id)
                            .statusCode()));
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        Assertions.assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        Assertions.assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    }

    @Test
    void historyRecordsWhoChangedWhatAndInternalNotesStayInternal() {
        String id = newRequest();
        staff().body("{\"version\": 0, \"detailed_status\": \"scheduled\", \"internal_note\": \"caller was abusive\"}")
                .when()
                .patch(PATH + id)
                .then()
                .statusCode(200)
                .body("history", hasSize(3))
                .body("history[1].actor", equalTo("staff:alice"))
                .body("history[1].changes.detailed_status.from", equalTo("received"))
                .body("history[1].changes.detailed_status.to", equalTo("scheduled"))
                .body("history[2].action", equalTo("internal_note"))
                .body("history[2].is_public", equalTo(false));
        String publicXml = given().queryParam("extensions", "true")
                .when()
                .get(V2 + "/requests/" + id + ".xml")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Assertions.assertFalse(publicXml.contains("abusive"));
    }

    @Test
    void invalidChangesAre400() {
        String id = newRequest();
        staff().body("{\"version\": 0, \"detailed_status\": \"teleported\"}")
                .when()
                .patch(PATH + id)
                .then()
                .statusCode(400);
        staff().body("{\"version\": 0}").when().patch(PATH + id).then().statusCode(400);
        staff().body("{\"version\": 0, \"expected_datetime\": \"soon\"}")
                .when()
                .patch(PATH + id)
                .then()
                .statusCode(400);
        staff().body("{\"version\": 0, \"unknown_field\": 1}")
                .when()
                .patch(PATH + id)
                .then()
                .statusCode(400)
                .body("[0].description", equalTo("The JSON body could not be read: unknown field 'unknown_field'"));
        staff().body("{\"version\": \"seven\"}")
                .when()
                .patch(PATH + id)
                .then()
                .statusCode(400)
                .body("[0].description", equalTo("The JSON body could not be read: wrong type for 'version'"));
        staff().body("not json").when().patch(PATH + id).then().statusCode(400).body("[0].code", equalTo(400));
        staff().body("{\"version\": 0, \"status_notes\": \"" + "x".repeat(4001) + "\"}")
                .when()
                .patch(PATH + id)
                .then()
                .statusCode(400)
                .body("[0].description", equalTo("status_notes is longer than 4000 characters"));
        staff().when().get(PATH + "overdue?limit=abc").then().statusCode(400);
    }

    @Test
    void duplicatesCloseWithANotePointingToTheOriginal() {
        String original = newRequest();
        String copy = newRequest();
        staff().body("{\"version\": 0, \"duplicate_of\": \"" + original + "\"}")
                .when()
                .post(PATH + copy + "/duplicate")
                .then()
                .statusCode(200)
                .body("detailed_status", equalTo("duplicate"))
                .body("duplicate_of", equalTo(original));
        given().when()
                .get(V2 + "/requests/" + copy + ".json")
                .then()
                .body("[0].status", equalTo("closed"))
                .body("[0].status_notes", startsWith("Duplicate of " + original));
        staff().when().get(PATH + original).then().body("history.action", hasItem("duplicate_attached"));
        staff().body("{\"version\": 1, \"duplicate_of\": \"" + copy + "\"}")
                .when()
                .post(PATH + copy + "/duplicate")
                .then()
                .statusCode(400);
    }

    @Test
    void overdueListsOpenRequestsPastTheirServiceLevel() {
        String late = newRequest();
        String onTime = newRequest();
        db.update(
                "UPDATE service_requests SET expected_datetime = now() - interval '1 day' WHERE service_request_id = ?",
                late);
        staff().when()
                .get(PATH + "overdue")
                .then()
                .statusCode(200)
                .body("service_request_id", hasItem(late))
                .body("service_request_id", not(hasItem(onTime)));
    }
}
