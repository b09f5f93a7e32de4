package georeport.conformance.extensions;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import georeport.conformance.extensions.Ext.Posted;
import georeport.conformance.support.Api;
import georeport.conformance.support.Checks;
import georeport.conformance.support.Config;
import georeport.conformance.support.Dates;
import georeport.conformance.support.DocKind;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Form;
import georeport.conformance.support.Http;
import georeport.conformance.support.Posts;

import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mySociety "Service Request Updates" resource (docs 6.6, FixMyStreet / open311-adapter):
 * GET servicerequestupdates.{fmt}?start_date&end_date lists updates; POST servicerequestupdates.{fmt} pushes one,
 * idempotent on the client's update_id. POSTing needs a key with the right to post updates (--updates-api-key): the
 * POST checks are skipped without one. Each POST check files its own request first (with --api-key).
 */
@DisplayName("extensions: servicerequestupdates (6.6)")
class ServiceRequestUpdatesChecks {

    @BeforeEach
    void optIn() {
        Checks.extensions();
    }

    /** Skips the calling check unless requests can be posted and an updates API key was given. */
    static String updatesKey() {
        Posts.requirePosting();
        String key = Config.get().updatesApiKey;
        Checks.skipIf(
                key == null,
                "no updates API key given (--updates-api-key K, -Dopen311.updatesApiKey or "
                        + "OPEN311_UPDATES_API_KEY): POST servicerequestupdates needs a key with the right to post updates");
        return key;
    }

    static Posted request(String what) {
        double[] p = Ext.freshPoint();
        return Ext.postAt(p[0], p[1], Ext.description("servicerequestupdates: " + what));
    }

    /** The fields of a mySociety update: status FIXED, a fresh update_id, updated_datetime now. */
    static Form update(String key, String requestId, String description) {
        return Form.of(
                "api_key",
                key,
                "service_request_id",
                requestId,
                "update_id",
                "conformance-" + UUID.randomUUID(),
                "status",
                "FIXED",
                "updated_datetime",
                Dates.utc(Instant.now()),
                "description",
                description);
    }

    static Http.Response post(Fmt f, Form form) {
        return Api.call("POST", "servicerequestupdates." + f.suffix).form(form);
    }

    /** Asserts 200 with a valid answer holding one request_update and returns its update_id. */
    static String accepted(Http.Response r, Fmt f) {
        Docs.Doc d = Docs.expect(r, DocKind.UPDATE_POST_RESPONSE, f);
        return str(items(d.tree()).get(0), "update_id");
    }

    static Docs.Doc updates(Fmt f, String start, String end) {
        return Docs.expect(
                Ext.get("servicerequestupdates." + f.suffix, "start_date", start, "end_date", end), DocKind.UPDATES, f);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "6.6 GET servicerequestupdates with a start_date/end_date window -> a valid service_request_updates document, "
                    + "every update inside the window")
    void listIsValid(Fmt f) {
        Instant now = Instant.now();
        String start = Dates.utc(now.minus(Duration.ofHours(1)));
        String end = Dates.utc(now.plus(Duration.ofMinutes(1)));
        Docs.Doc doc = updates(f, start, end);
        if (items(doc.tree()).isEmpty()) {
            // an empty window proves nothing: post an update of our own (skipped without an updates key), then read
            // again
            String key = updatesKey();
            Posted p = request("an update inside the window");
            accepted(post(f, update(key, p.id(), "Open311 conformance check: fixed (listed in a window)")), f);
            doc = updates(f, start, end);
        }
        assertTrue(
                !items(doc.tree()).isEmpty(),
                "no updates to check between start_date=" + start + " and end_date=" + end
                        + ": the check would pass vacuously (" + doc.response().describe() + ")");
        List<String> outside = new ArrayList<>();
        for (JsonNode u : items(doc.tree())) {
            OffsetDateTime t = Dates.parse(str(u, "updated_datetime"));
            if (t == null
                    || t.toInstant().isBefore(Instant.parse(start))
                    || t.toInstant().isAfter(Instant.parse(end))) {
                outside.add(str(u, "update_id") + " (updated " + str(u, "updated_datetime") + ")");
            }
        }
        assertTrue(outside.isEmpty(), "updates outside start_date=" + start + " .. end_date=" + end + ": " + outside);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.6 POST servicerequestupdates (status FIXED, a new update_id) -> 200 with request_update/update_id")
    void postUpdate(Fmt f) {
        String key = updatesKey();
        Posted p = request("POST an update");
        Http.Response r = post(f, update(key, p.id(), "Open311 conformance check: fixed"));
        String updateId = accepted(r, f);
        assertTrue(updateId != null, "the answer names no update_id: " + r.describe());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "6.6 the same POST servicerequestupdates again (same update_id and content) -> 200 with the same update_id")
    void retryIsIdempotent(Fmt f) {
        String key = updatesKey();
        Posted p = request("retry an update");
        Form form = update(key, p.id(), "Open311 conformance check: fixed (sent twice)");
        String first = accepted(post(f, form), f);
        Http.Response again = post(f, form);
        assertEquals(
                first,
                accepted(again, f),
                "a retry of update_id " + form.get("update_id") + " must answer the first update_id: "
                        + again.describe());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.6 a used update_id with another description -> 409 with an error document")
    void reusedUpdateIdConflicts(Fmt f) {
        String key = updatesKey();
        Posted p = request("reuse an update_id");
        Form form = update(key, p.id(), "Open311 conformance check: fixed (first text)");
        accepted(post(f, form), f);
        Docs.expectError(post(f, form.copy().set("description", "Open311 conformance check: another text")), 409, f);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.6 after a FIXED update GET request reads status closed")
    void fixedClosesTheRequest(Fmt f) {
        String key = updatesKey();
        Posted p = request("FIXED closes");
        assertEquals("open", str(Ext.one(p.id(), f), "status"), "a new request must read open before the update");
        accepted(post(f, update(key, p.id(), "Open311 conformance check: fixed")), f);
        JsonNode r = Ext.one(p.id(), f);
        assertEquals(
                "closed",
                str(r, "status"),
                "after POST servicerequestupdates status=FIXED, GET requests/" + p.id() + "." + f.suffix
                        + " must read closed: " + r);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "6.6 a posted update is listed by GET servicerequestupdates in its window with its update_id, request, "
                    + "status fixed and description")
    void postedUpdateIsListed(Fmt f) {
        String key = updatesKey();
        Posted p = request("listed update");
        String text = "Open311 conformance check: fixed, " + Ext.uniqueWord();
        String start = Dates.utc(Instant.now().minus(Duration.ofMinutes(5)));
        String updateId = accepted(post(f, update(key, p.id(), text)), f);
        String end = Dates.utc(Instant.now().plus(Duration.ofMinutes(5)));
        Docs.Doc doc = updates(f, start, end);
        JsonNode u = items(doc.tree()).stream()
                .filter(x -> updateId.equals(str(x, "update_id")))
                .findFirst()
                .orElse(null);
        assertTrue(
                u != null,
                "update_id " + updateId + " is not listed: " + doc.response().describe());
        assertEquals(p.id(), str(u, "service_request_id"), "service_request_id of update " + updateId + ": " + u);
        assertEquals(
                "fixed",
                str(u, "status"),
                "status of update " + updateId + " (posted as FIXED, listed lower-case): " + u);
        assertEquals(text, str(u, "description"), "description of update " + updateId + ": " + u);
    }
}
