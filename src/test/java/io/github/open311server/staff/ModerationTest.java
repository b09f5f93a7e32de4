package io.github.open311server.staff;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Api;
import io.github.open311server.support.CityApi;
import io.github.open311server.support.Db;
import io.github.open311server.support.TestSigningKeys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Moderation: a redaction shows at once on every public path (the stored events included) while staff keep the
 * original; a hidden request and a pre-moderated one are absent from every public path until published.
 */
@QuarkusTest
@QuarkusTestResource(TestSigningKeys.class)
class ModerationTest {

    private static final String PHONE = "555-0199";

    @Inject
    Db db;

    private static void moderate(String id, String body, int status) {
        CityApi.staff()
                .header("If-Match", "\"" + CityApi.version(id) + "\"")
                .body(body)
                .when()
                .put(CityApi.STAFF + id + "/moderation")
                .then()
                .statusCode(status);
    }

    private String storedEvents(String id) {
        return db.value(
                "SELECT string_agg(e.payload::text, ' ') FROM events e JOIN service_requests r ON r.id = e.request_ref"
                        + " WHERE r.service_request_id = ?",
                id);
    }

    @Test
    void aRedactionShowsAtOnceOnEveryPublicPathAndStaffKeepTheOriginal() {
        String id = Api.file(
                "POTHOLE",
                "lat",
                "39.7817",
                "long",
                "-89.6501",
                "address_string",
                "12 Elm St, call me at " + PHONE,
                "description",
                "Deep hole. My neighbour Joe Bloggs " + PHONE + " saw it");
        assertEquals(true, storedEvents(id).contains(PHONE), "the event was stored with the text as posted");
        moderate(
                id,
                "{\"description\": \"Deep hole. [removed by the city]\", \"address\": \"12 Elm St\","
                        + " \"reason\": \"phone number and a name in the text\"}",
                200);

        given().when()
                .get(Api.V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].description", equalTo("Deep hole. [removed by the city]"))
                .body("[0].address", equalTo("12 Elm St"));
        given().when()
                .get(Api.V2 + "/requests/" + id + ".xml")
                .then()
                .statusCode(200)
                .body(not(containsString(PHONE)));
        given().queryParam("service_request_id", id)
                .when()
                .get(Api.V2 + "/requests.geojson")
                .then()
                .statusCode(200)
                .body(not(containsString(PHONE)));
        given().queryParam("q", "Bloggs")
                .when()
                .get(Api.V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("service_request_id", not(hasItem(id)));
        given().when()
                .get(Api.V2 + "/exports/requests.csv")
                .then()
                .statusCode(200)
                .body(not(containsString(PHONE)));
        assertEquals(false, storedEvents(id).contains(PHONE), "no stored event carries the original any more");

        // staff see the original, and the history says what was redacted (not the text)
        CityApi.staff()
                .when()
                .get(CityApi.STAFF + id)
                .then()
                .statusCode(200)
                .body("description", equalTo("Deep hole. [removed by the city]"))
                .body("moderation.original.description", containsString(PHONE))
                .body("moderation.original.address", containsString(PHONE))
                .body("moderation.hidden", equalTo(false))
                .body(
                        "history.find { it.action == 'moderated' }.changes.redacted",
                        equalTo(List.of("description", "address")))
                .body("history.find { it.action == 'moderated' }.note", equalTo(null))
                .body(
                        "history.findAll { it.action == 'internal_note' }.note",
                        hasItem("phone number and a name in the text"));
        String history =
                CityApi.staff().when().get(CityApi.STAFF + id).then().extract().asString();
        assertEquals(2, history.split(PHONE, -1).length - 1, "the original text is only in moderation.original");
    }

    @Test
    void aHiddenRequestIsAbsentFromEveryPublicPathUntilPublishedAgain() {
        String id = Api.file("POTHOLE", "lat", "39.7818", "long", "-89.6502", "description", "hide me please");
        moderate(id, "{\"hidden\": true}", 200);
        given().when().get(Api.V2 + "/requests/" + id + ".json").then().statusCode(404);
        given().queryParam("service_request_id", id)
                .when()
                .get(Api.V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        given().when()
                .get(Api.V2 + "/exports/requests.csv")
                .then()
                .statusCode(200)
                .body(not(containsString(id)));
        assertEquals(
                "0",
                db.value(
                        "SELECT count(*) FROM events e JOIN service_requests r ON r.id = e.request_ref"
                                + " WHERE r.service_request_id = ? AND NOT e.staff_only",
                        id),
                "its events reach staff views only");
        CityApi.staff().when().get(CityApi.STAFF + id).then().statusCode(200).body("moderation.hidden", equalTo(true));
        moderate(id, "{\"hidden\": true}", 400);
        moderate(id, "{\"hidden\": false}", 200);
        given().when()
                .get(Api.V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].description", equalTo("hide me please"));
    }

    @Test
    void anEmptyTextClearsItAndHidingWithdrawsPendingDeliveries() {
        long client = ((Number) CityApi.admin()
                        .body("{\"name\": \"Slow CRM\", \"scopes\": [\"read_events\"]}")
                        .when()
                        .post(CityApi.ADMIN + "/api-clients")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
        // a receiver that never answers: the delivery stays pending, retried
        int subscription = CityApi.admin()
                .body("{\"api_client_id\": " + client + ", \"url\": \"http://127.0.0.1:9/never\","
                        + " \"event_types\": [\"request.created\"], \"service_codes\": [\"TREE.PRUNE\"]}")
                .when()
                .post(CityApi.ADMIN + "/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try {
            String id = Api.file("TREE.PRUNE", "lat", "39.7822", "long", "-89.6506", "description", "call 555 0111");
            String pending = "SELECT count(*) FROM webhook_deliveries d JOIN service_requests r ON r.id = d.request_ref"
                    + " WHERE r.service_request_id = ? AND d.state = 'pending'";
            assertEquals("1", db.value(pending, id));
            moderate(id, "{\"description\": \"\", \"hidden\": true}", 200);
            assertEquals("0", db.value(pending, id), "a public receiver no longer gets the hidden request");
            moderate(id, "{\"hidden\": false}", 200);
            given().when()
                    .get(Api.V2 + "/requests/" + id + ".json")
                    .then()
                    .statusCode(200)
                    .body("[0].description", equalTo(null));
        } finally {
            db.update("UPDATE webhook_subscriptions SET active = false WHERE id = ?", (long) subscription);
        }
    }

    @Test
    void aPremoderatedServicesRequestsArePublishedOnlyOnceApproved() {
        CityApi.admin()
                .body("{\"service_name\": \"Comment on a park\", \"premoderated\": true}")
                .when()
                .put(CityApi.ADMIN + "/services/PARK-COMMENT")
                .then()
                .statusCode(200)
                .body("premoderated", equalTo(true));
        String id = Api.file("PARK-COMMENT", "lat", "39.7819", "long", "-89.6503", "description", "Bench is broken");
        given().when().get(Api.V2 + "/requests/" + id + ".json").then().statusCode(404);
        List<String> queue = CityApi.staff()
                .when()
                .get(CityApi.STAFF.substring(0, CityApi.STAFF.length() - 1) + "?service_code=PARK-COMMENT")
                .then()
                .statusCode(200)
                .extract()
                .path("requests.service_request_id");
        assertEquals(true, queue.contains(id), "staff find it in the queue to approve it");
        moderate(id, "{\"hidden\": false}", 200);
        given().when().get(Api.V2 + "/requests/" + id + ".json").then().statusCode(200);
    }

    @Test
    void aWithdrawnPhotoIsServedToStaffOnly() {
        String id = Api.fileWithPhoto(null);
        String url =
                CityApi.staff().when().get(CityApi.STAFF + id).then().extract().path("media_urls[0]");
        String mediaId = url.substring(url.lastIndexOf('/') + 1);
        given().when().get(Api.V2 + "/media/" + mediaId).then().statusCode(200);
        // a hidden request's photo is not served either, until it is published again
        moderate(id, "{\"hidden\": true}", 200);
        given().when().get(Api.V2 + "/media/" + mediaId).then().statusCode(404);
        moderate(id, "{\"hidden\": false}", 200);
        given().when().get(Api.V2 + "/media/" + mediaId).then().statusCode(200);
        moderate(id, "{\"media_urls\": []}", 200);
        given().when().get(Api.V2 + "/media/" + mediaId).then().statusCode(404);
        given().when()
                .get(Api.V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].media_url", equalTo(null));
        CityApi.staff()
                .when()
                .get("/staff/v1/jurisdictions/" + CityApi.J + "/media/" + mediaId)
                .then()
                .statusCode(200)
                .contentType("image/png");
        moderate(id, "{\"media_urls\": [\"https://elsewhere.example/x.jpg\"]}", 400);
    }
}
