package io.github.open311server.staff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import io.github.open311server.support.Api;
import io.github.open311server.support.CityApi;
import io.github.open311server.support.Db;
import io.github.open311server.support.TestSigningKeys;
import io.github.open311server.support.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bulk actions: a preview changes nothing and gives a confirmation; the confirmation applies the action to
 * exactly what was previewed, each request with its own history entry and event, all or nothing.
 */
@QuarkusTest
@QuarkusTestResource(TestSigningKeys.class)
class BulkActionsTest {

    private static final String BULK = CityApi.STAFF + "bulk-actions";

    @Inject
    Db db;

    /** Potholes with a description unique to the calling test, so a filter selects exactly them. */
    private static List<String> potholes(String tag, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(Api.file("POTHOLE", "lat", "39.7817", "long", "-89.6501", "description", tag + " hole " + i));
        }
        return ids;
    }

    private static JsonPath post(String body, int status) {
        return CityApi.staff()
                .body(body)
                .when()
                .post(BULK)
                .then()
                .statusCode(status)
                .contentType(Api.JSON)
                .extract()
                .jsonPath();
    }

    private int history(String id) {
        return Integer.parseInt(db.value(
                "SELECT count(*) FROM request_history h JOIN service_requests r ON r.id = h.request_ref"
                        + " WHERE r.service_request_id = ?",
                id));
    }

    private String column(String column, String id) {
        return db.value("SELECT " + column + " FROM service_requests WHERE service_request_id = ?", id);
    }

    @Test
    void aPreviewChangesNothingAndItsConfirmationAppliesTheActionToEachRequest() {
        String tag = "bulkstatus" + System.nanoTime();
        List<String> ids = potholes(tag, 3);
        String selection = "{\"filter\": \"q=" + tag + "\"}";
        String action =
                "{\"type\": \"status\", \"detailed_status\": \"scheduled\", \"public_note\": \"Crew on Monday\"}";
        JsonPath preview = post("{\"selection\": " + selection + ", \"action\": " + action + "}", 200);
        assertEquals(3, preview.getInt("matched"));
        assertEquals(ids, preview.getList("ids"));
        assertEquals(false, preview.getBoolean("applied"));
        String confirmation = preview.getString("confirmation");
        assertNotNull(confirmation);
        assertNotNull(preview.getString("confirmation_expires"));
        for (String id : ids) {
            assertEquals("received", column("detailed_status", id), "a preview changes nothing");
            assertEquals(1, history(id));
        }

        JsonPath done = post(
                "{\"selection\": " + selection + ", \"action\": " + action + ", \"confirmation\": \"" + confirmation
                        + "\"}",
                200);
        assertEquals(true, done.getBoolean("applied"));
        assertEquals(ids, done.getList("ids"));
        for (String id : ids) {
            assertEquals("scheduled", column("detailed_status", id));
            assertEquals(2, history(id), "one history entry per request");
            assertEquals(
                    "1",
                    db.value(
                            "SELECT count(*) FROM events e JOIN service_requests r ON r.id = e.request_ref"
                                    + " WHERE r.service_request_id = ? AND e.event_type = 'request.status_changed'",
                            id),
                    "one event per request");
        }
        // the same confirmation again no longer fits: every request has a new version
        post(
                "{\"selection\": " + selection + ", \"action\": " + action + ", \"confirmation\": \"" + confirmation
                        + "\"}",
                409);
    }

    @Test
    void assignAndPriorityByIds() {
        String tag = "bulkassign" + System.nanoTime();
        List<String> ids = potholes(tag, 2);
        String selection = "{\"ids\": [\"" + ids.get(0) + "\", \"" + ids.get(1) + "\"]}";
        for (String action : List.of(
                "{\"type\": \"assign\", \"assignee\": \"Crew 4\"}",
                "{\"type\": \"priority\", \"priority\": \"high\"}")) {
            String confirmation = post("{\"selection\": " + selection + ", \"action\": " + action + "}", 200)
                    .getString("confirmation");
            post(
                    "{\"selection\": " + selection + ", \"action\": " + action + ", \"confirmation\": \"" + confirmation
                            + "\"}",
                    200);
        }
        for (String id : ids) {
            assertEquals("Crew 4", column("assignee", id));
            assertEquals("high", column("priority", id));
        }
        // a request already as the action would make it is left alone, not a reason to refuse the others
        String third = potholes(tag, 1).get(0);
        String mixed = "{\"ids\": [\"" + ids.get(0) + "\", \"" + third + "\"]}";
        String assign = "{\"type\": \"assign\", \"assignee\": \"Crew 4\"}";
        int entries = history(ids.get(0));
        JsonPath preview = post("{\"selection\": " + mixed + ", \"action\": " + assign + "}", 200);
        assertEquals(List.of(ids.get(0)), preview.getList("unchanged"));
        post(
                "{\"selection\": " + mixed + ", \"action\": " + assign + ", \"confirmation\": \""
                        + preview.getString("confirmation") + "\"}",
                200);
        assertEquals("Crew 4", column("assignee", third));
        assertEquals(entries, history(ids.get(0)), "no new entry for the unchanged one");
        List<String> queue = CityApi.staff()
                .when()
                .get(CityApi.STAFF.substring(0, CityApi.STAFF.length() - 1) + "?assignee=crew 4&q=" + tag)
                .then()
                .statusCode(200)
                .extract()
                .path("requests.service_request_id");
        assertEquals(List.of(ids.get(0), ids.get(1), third), queue);
    }

    @Test
    void aMergeIsAllOrNothing() {
        String tag = "bulkmerge" + System.nanoTime();
        List<String> ids = potholes(tag, 3);
        // the original is in the selection too: it cannot be a duplicate of itself, so nothing is merged
        String selection = "{\"filter\": \"q=" + tag + "\"}";
        String action = "{\"type\": \"merge\", \"duplicate_of\": \"" + ids.get(2) + "\"}";
        String confirmation = post("{\"selection\": " + selection + ", \"action\": " + action + "}", 200)
                .getString("confirmation");
        JsonPath refused = post(
                "{\"selection\": " + selection + ", \"action\": " + action + ", \"confirmation\": \"" + confirmation
                        + "\"}",
                400);
        assertTrue(refused.getString("[0].description").startsWith(ids.get(2) + ": "), refused.prettify());
        for (String id : ids) {
            assertEquals("open", column("status", id), "nothing was merged");
            assertEquals(1, history(id));
        }
        // without the original, the two others are merged into it
        String two = "{\"ids\": [\"" + ids.get(0) + "\", \"" + ids.get(1) + "\"]}";
        String again = post("{\"selection\": " + two + ", \"action\": " + action + "}", 200)
                .getString("confirmation");
        post("{\"selection\": " + two + ", \"action\": " + action + ", \"confirmation\": \"" + again + "\"}", 200);
        assertEquals("duplicate", column("detailed_status", ids.get(0)));
        assertEquals("duplicate", column("detailed_status", ids.get(1)));
        assertEquals("open", column("status", ids.get(2)));
    }

    @Test
    void aSelectionThatChangedAfterThePreviewIsNotActedOn() {
        String tag = "bulkstale" + System.nanoTime();
        List<String> ids = potholes(tag, 2);
        String selection = "{\"filter\": \"q=" + tag + "\"}";
        String action = "{\"type\": \"priority\", \"priority\": \"emergency\"}";
        String confirmation = post("{\"selection\": " + selection + ", \"action\": " + action + "}", 200)
                .getString("confirmation");
        // a third request joins the filter after the preview
        potholes(tag, 1);
        JsonPath stale = post(
                "{\"selection\": " + selection + ", \"action\": " + action + ", \"confirmation\": \"" + confirmation
                        + "\"}",
                409);
        assertTrue(stale.getString("[0].description").contains("preview again"));
        for (String id : ids) {
            assertEquals("normal", column("priority", id));
        }
        // and a confirmation is bound to its action
        String other = "{\"type\": \"priority\", \"priority\": \"high\"}";
        String fresh = post("{\"selection\": " + selection + ", \"action\": " + other + "}", 200)
                .getString("confirmation");
        post(
                "{\"selection\": " + selection + ", \"action\": " + action + ", \"confirmation\": \"" + fresh + "\"}",
                409);
    }

    @Test
    void badInputIsAnOpen311Error() {
        Map<String, String> bodies = Map.of(
                "{}", "selection and action are required",
                "{\"selection\": {\"ids\": [], \"filter\": \"q=x\"}, \"action\": {\"type\": \"assign\"}}",
                        "one of the two",
                "{\"selection\": {\"filter\": \"q=x\"}, \"action\": {\"type\": \"delete\"}}", "action.type",
                "{\"selection\": {\"filter\": \"q=x\"}, \"action\": {\"type\": \"status\"}}", "needs detailed_status",
                "{\"selection\": {\"filter\": \"q=x\"}, \"action\": {\"type\": \"priority\", \"priority\": \"high\", \"assignee\": \"x\"}}",
                        "another action type",
                "{\"selection\": {\"filter\": \"agency=x\"}, \"action\": {\"type\": \"assign\"}}", "Unknown parameters",
                "{\"selection\": {\"filter\": \"q=x\"}, \"action\": {\"type\": \"assign\"}, \"confirmation\": \"%%%\"}",
                        "confirmation is not valid");
        bodies.forEach((body, message) -> CityApi.staff()
                .body(body)
                .when()
                .post(BULK)
                .then()
                .statusCode(400)
                .body("[0].description", containsString(message)));
        CityApi.staff()
                .body("{\"selection\": {\"ids\": [\"SR-NOPE\"]}, \"action\": {\"type\": \"assign\"}}")
                .when()
                .post(BULK)
                .then()
                .statusCode(404)
                .body("[0].description", containsString("SR-NOPE"));
        given().auth()
                .oauth2(Tokens.staff("elsewhere.example"))
                .contentType("application/json")
                .body("{}")
                .when()
                .post(BULK)
                .then()
                .statusCode(403);
    }
}
