package io.github.open311server.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import io.github.open311server.support.EventSchema;
import io.github.open311server.support.Tokens;

import static io.github.open311server.support.Api.KEY;
import static io.github.open311server.support.Api.V2;
import static io.github.open311server.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events end to end: a change through the API, the outbox, the dispatcher, and a real HTTP receiver
 * that verifies every signature with its own implementation of Standard Webhooks.
 */
@QuarkusTest
class WebhooksTest {

    private static final String ADMIN = "/admin/v1/jurisdictions/testcity.example";
    private static final String STAFF = "/staff/v1/jurisdictions/testcity.example/requests/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Receiver receiver;
    private static long clientId;
    private static String clientKey;

    @BeforeAll
    static void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin("testcity.example")).contentType("application/json");
    }

    private static RequestSpecification staff() {
        return given().auth().oauth2(Tokens.staff("testcity.example")).contentType("application/json");
    }

    private static synchronized void ensureClient() {
        if (clientKey == null) {
            var created = admin().body("{\"name\": \"Work orders\", \"scopes\": [\"read_events\"]}")
                    .when()
                    .post(ADMIN + "/api-clients")
                    .then()
                    .statusCode(201)
                    .extract();
            clientId = ((Number) created.path("id")).longValue();
            clientKey = created.path("key");
        }
    }

    /** A subscription to every request event, delivered to the given receiver path; returns [id, secret]. */
    private static String[] subscribe(String path, String... types) {
        ensureClient();
        List<String> eventTypes = types.length == 0
                ? List.of(
                        "request.created",
                        "request.status_changed",
                        "request.updated",
                        "request.note_added",
                        "request.merged",
                        "update.received")
                : List.of(types);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("api_client_id", clientId);
        body.put("url", receiver.url(path));
        body.put("event_types", eventTypes);
        body.put("service_codes", List.of("POTHOLE"));
        var created = admin().body(body)
                .when()
                .post(ADMIN + "/webhooks")
                .then()
                .statusCode(201)
                .extract();
        String secret = created.path("secret");
        assertTrue(secret.startsWith("whsec_"), secret);
        return new String[] {String.valueOf((Integer) created.path("id")), secret};
    }

    private static String newPothole(String description, String email) {
        return post(
                        "json",
                        "api_key",
                        KEY,
                        "service_code",
                        "POTHOLE",
                        "lat",
                        "39.7011",
                        "long",
                        "-89.6011",
                        "description",
                        description,
                        "email",
                        email)
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
    }

    private static int version(String id) {
        return staff().when().get(STAFF + id).then().statusCode(200).extract().path("version");
    }

    private static void change(String id, String json) {
        staff().header("If-Match", "\"" + version(id) + "\"")
                .body(json)
                .when()
                .patch(STAFF + id)
                .then()
                .statusCode(200);
    }

    /** Standard Webhooks verification, written here independently of the server's signer. */
    private static boolean verifies(Receiver.Delivery delivery, String... secrets) throws Exception {
        String id = delivery.headers().get("webhook-id");
        String timestamp = delivery.headers().get("webhook-timestamp");
        long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp));
        if (age > 300) {
            return false;
        }
        for (String secret : secrets) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = Base64.getEncoder()
                    .encodeToString(mac.doFinal(
                            (id + "." + timestamp + "." + delivery.body()).getBytes(StandardCharsets.UTF_8)));
            for (String candidate : delivery.headers().get("webhook-signature").split(" ")) {
                if (candidate.equals("v1," + expected)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode json(Receiver.Delivery delivery) throws Exception {
        return JSON.readTree(delivery.body());
    }

    private static List<Receiver.Delivery> of(List<Receiver.Delivery> deliveries, String serviceRequestId)
            throws Exception {
        List<Receiver.Delivery> mine = new ArrayList<>();
        for (Receiver.Delivery d : deliveries) {
            if (serviceRequestId.equals(
                    json(d).path("data").path("service_request_id").asText())) {
                mine.add(d);
            }
        }
        return mine;
    }

    @Test
    void everyChangeReachesTheReceiverSignedInOrderAndWithoutPersonalData() throws Exception {
        String[] subscription = subscribe("/hook/all");
        String id = newPothole("Deep hole by the school", "citizen@example.org");
        change(id, "{\"detailed_status\": \"in_progress\", \"status_notes\": \"Crew booked\"}");
        change(id, "{\"public_note\": \"Asphalt arrives Monday\", \"internal_note\": \"supplier is late\"}");
        change(id, "{\"detailed_status\": \"resolved\"}");

        List<Receiver.Delivery> mine = receiver.await("/hook/all", all -> {
            try {
                return of(all, id).size() >= 4;
            } catch (Exception e) {
                return false;
            }
        });
        mine = of(mine, id);
        List<String> types = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            Receiver.Delivery d = mine.get(i);
            JsonNode event = json(d);
            types.add(event.path("type").asText());
            assertEquals(i + 1, event.path("data").path("sequence").asInt(), d.body());
            assertEquals(
                    d.headers().get("webhook-id"),
                    event.path("data").path("event_id").asText());
            assertTrue(verifies(d, subscription[1]), "signature of " + d.body());
            assertEquals(Set.of(), EventSchema.problems(d.body()), d.body());
            assertFalse(
                    verifies(d, "whsec_" + Base64.getEncoder().encodeToString(new byte[32])), "a wrong key verifies");
            assertFalse(d.body().contains("citizen@example.org"), "personal data in " + d.body());
            assertFalse(d.body().contains("supplier is late"), "an internal note in " + d.body());
            assertEquals(
                    "testcity.example",
                    event.path("data").path("jurisdiction_id").asText());
        }
        assertEquals(
                List.of("request.created", "request.status_changed", "request.note_added", "request.status_changed"),
                types);
        JsonNode last = json(mine.get(3)).path("data");
        assertEquals("closed", last.path("request").path("status").asText());
        assertEquals(
                "resolved",
                last.path("request")
                        .path("extended_attributes")
                        .path("detailed_status")
                        .asText());
        assertEquals("staff", last.path("actor").path("type").asText());
    }

    @Test
    void failedAndTimedOutDeliveriesAreRetriedWithTheSameIdAndLogged() throws Exception {
        String[] subscription = subscribe("/hook/flaky", "request.created");
        receiver.plan("/hook/flaky", 500, 0, 503);
        String id = newPothole("Retried hole", "a@example.org");
        List<Receiver.Delivery> all = receiver.await("/hook/flaky", d -> d.size() >= 4);
        List<Receiver.Delivery> mine = of(all, id);
        assertEquals(4, mine.size(), "500, timeout, 503, then delivered");
        assertEquals(
                1,
                mine.stream().map(d -> d.headers().get("webhook-id")).distinct().count());
        for (Receiver.Delivery d : mine) {
            assertTrue(verifies(d, subscription[1]));
        }
        var log = admin().when()
                .get(ADMIN + "/webhooks/" + subscription[0] + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // the log is written after the answer: wait for the delivered state rather than assume it
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"delivered".equals(log.getString("[0].state")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            log = admin().when()
                    .get(ADMIN + "/webhooks/" + subscription[0] + "/deliveries")
                    .then()
                    .extract()
                    .jsonPath();
        }
        assertEquals("delivered", log.getString("[0].state"));
        assertEquals(Arrays.asList(500, null, 503, 200), log.getList("[0].log.status_code"));
        assertTrue(log.getString("[0].log[1].error").contains("Timeout"), log.prettify());
    }

    @Test
    void eventsOfOneRequestArriveInOrderUnderConcurrentChangesAndFailures() throws Exception {
        subscribe("/hook/order");
        // every third answer fails, so retries interleave with later events of the same requests
        for (int i = 0; i < 20; i++) {
            receiver.plan("/hook/order", 200, 200, 500);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(newPothole("Concurrent " + i, "c@example.org"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (String id : ids) {
            work.add(pool.submit(() -> {
                for (int n = 0; n < 4; n++) {
                    String note = "{\"public_note\": \"note " + n + "\"}";
                    change(id, note);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        for (String id : ids) {
            List<Receiver.Delivery> mine = of(
                    receiver.await("/hook/order", all -> {
                        try {
                            return of(all, id).stream()
                                            .map(WebhooksTest::sequence)
                                            .distinct()
                                            .count()
                                    >= 5;
                        } catch (Exception e) {
                            return false;
                        }
                    }),
                    id);
            int highest = 0;
            for (Receiver.Delivery d : mine) {
                int seq = sequence(d);
                assertTrue(seq >= highest, "sequence " + seq + " after " + highest + " for " + id);
                assertTrue(seq <= highest + 1, "sequence " + seq + " skipped past " + highest + " for " + id);
                highest = Math.max(highest, seq);
            }
            assertEquals(5, highest);
        }
    }

    private static int sequence(Receiver.Delivery d) {
        try {
            return json(d).path("data").path("sequence").asInt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anEventCanBeRedeliveredAndA410SwitchesTheSubscriptionOff() throws Exception {
        String[] subscription = subscribe("/hook/gone", "request.created");
        String id = newPothole("Redelivered hole", "r@example.org");
        Receiver.Delivery first =
                of(receiver.await("/hook/gone", d -> !d.isEmpty()), id).get(0);
        String eventId = first.headers().get("webhook-id");
        admin().body("{\"event_id\": \"" + eventId + "\"}")
                .when()
                .post(ADMIN + "/webhooks/" + subscription[0] + "/redeliver")
                .then()
                .statusCode(200)
                .body("deliveries", equalTo(1));
        receiver.await("/hook/gone", d -> d.size() >= 2);
        assertEquals(eventId, receiver.received("/hook/gone").get(1).headers().get("webhook-id"));

        receiver.plan("/hook/gone", 410);
        newPothole("Second hole", "r@example.org");
        receiver.await("/hook/gone", d -> d.size() >= 3);
        long deadline = System.currentTimeMillis() + 10_000;
        boolean active = true;
        while (active && System.currentTimeMillis() < deadline) {
            active = admin().when()
                    .get(ADMIN + "/webhooks/" + subscription[0])
                    .then()
                    .extract()
                    .path("active");
            Thread.sleep(active ? 100 : 0);
        }
        admin().when()
                .get(ADMIN + "/webhooks/" + subscription[0])
                .then()
                .body("active", equalTo(false))
                .body("disabled_reason", containsString("410"));
        newPothole("Third hole", "r@example.org");
        // the city hears of it: the feed carries a subscription.disabled event
        ensureClient();
        given().queryParam("api_key", clientKey)
                .when()
                .get(V2 + "/events.json")
                .then()
                .statusCode(200)
                .body("events.type", hasItem("subscription.disabled"));
        JsonNode feed = JSON.readTree(given().queryParam("api_key", clientKey)
                .queryParam("limit", "500")
                .when()
                .get(V2 + "/events.json")
                .then()
                .extract()
                .asString());
        for (JsonNode event : feed.path("events")) {
            assertEquals(Set.of(), EventSchema.problems(event.toString()), event.toString());
        }
        assertEquals(3, receiver.received("/hook/gone").size(), "nothing is sent to a switched-off subscription");
    }

    @Test
    void aWorkOrderAndItsAssigneeReachStaffAndIntegrations() throws Exception {
        subscribe("/hook/orders", "request.updated");
        String id = newPothole("Work order hole", "w@example.org");
        staff().header("If-Match", "\"" + version(id) + "\"")
                .body("{\"system\": \"Cityworks\"}")
                .when()
                .put(STAFF + id + "/work-order")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("system and id go together"));
        staff().header("If-Match", "\"" + version(id) + "\"")
                .body("{\"system\": \"Cityworks\", \"id\": \"WO-4411\","
                        + " \"url\": \"https://cityworks.city.example/wo/4411\", \"assignee\": \"Crew 7\"}")
                .when()
                .put(STAFF + id + "/work-order")
                .then()
                .statusCode(200)
                .body("work_order.system", equalTo("Cityworks"))
                .body("work_order.id", equalTo("WO-4411"))
                .body("assignee", equalTo("Crew 7"));
        JsonNode event = json(of(
                        receiver.await("/hook/orders", all -> {
                            try {
                                return !of(all, id).isEmpty();
                            } catch (Exception e) {
                                return false;
                            }
                        }),
                        id)
                .get(0));
        assertEquals("request.updated", event.path("type").asText());
        JsonNode changes = event.path("data").path("changes");
        assertEquals("WO-4411", changes.path("work_order").path("to").path("id").asText(), event.toString());
        assertEquals("Crew 7", changes.path("assignee").path("to").asText());
        // public answers show the work order only where the city publishes it
        given().queryParam("extensions", "true")
                .when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].extended_attributes.detailed_status", equalTo("received"))
                .body("[0].extended_attributes", not(hasKey("work_order")))
                .body("[0].extended_attributes", not(hasKey("assignee")));
        admin().body("{\"publish_work_orders\": true}")
                .when()
                .put(ADMIN + "/settings")
                .then()
                .statusCode(200)
                .body("publish_work_orders", equalTo(true));
        try {
            given().queryParam("extensions", "true")
                    .when()
                    .get(V2 + "/requests/" + id + ".json")
                    .then()
                    .body("[0].extended_attributes.work_order.system", equalTo("Cityworks"))
                    .body("[0].extended_attributes.work_order.id", equalTo("WO-4411"))
                    .body("[0].extended_attributes.assignee", equalTo("Crew 7"));
            given().queryParam("extensions", "true")
                    .queryParam("service_request_id", id)
                    .when()
                    .get(V2 + "/requests.xml")
                    .then()
                    .body(
                            "service_requests.request.extended_attributes.work_order.url",
                            equalTo("https://cityworks.city.example/wo/4411"))
                    .body("service_requests.request.extended_attributes.assignee", equalTo("Crew 7"));
            given().when().get(V2 + "/requests/" + id + ".json").then().body("[0]", not(hasKey("extended_attributes")));
        } finally {
            admin().body("{\"publish_work_orders\": false}")
                    .when()
                    .put(ADMIN + "/settings")
                    .then()
                    .statusCode(200);
        }
        // a stale version is refused like any other change
        staff().header("If-Match", "\"0\"")
                .body("{\"assignee\": \"Crew 8\"}")
                .when()
                .put(STAFF + id + "/work-order")
                .then()
                .statusCode(412);
    }

    @Test
    void aStaffIntegrationGetsContactDataAndInternalNotesAndPublicReceiversNeither() throws Exception {
        ensureClient();
        Map<String, Object> refused = new LinkedHashMap<>();
        refused.put("api_client_id", clientId);
        refused.put("url", receiver.url("/hook/staff"));
        refused.put("event_types", List.of("request.created"));
        refused.put("staff_view", true);
        admin().body(refused)
                .when()
                .post(ADMIN + "/webhooks")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("read_personal_data"));
        given().queryParam("api_key", clientKey)
                .queryParam("staff_view", "true")
                .when()
                .get(V2 + "/events.json")
                .then()
                .statusCode(403);

        var crm = admin().body("{\"name\": \"City CRM\", \"scopes\": [\"read_events\", \"read_personal_data\"]}")
                .when()
                .post(ADMIN + "/api-clients")
                .then()
                .statusCode(201)
                .extract();
        long crmId = ((Number) crm.path("id")).longValue();
        Map<String, Object> staffHook = new LinkedHashMap<>(refused);
        staffHook.put("api_client_id", crmId);
        staffHook.put("event_types", List.of("request.created", "request.note_added"));
        staffHook.put("service_codes", List.of("POTHOLE"));
        String staffSecret = admin().body(staffHook)
                .when()
                .post(ADMIN + "/webhooks")
                .then()
                .statusCode(201)
                .body("staff_view", equalTo(true))
                .extract()
                .path("secret");
        String[] publicHook = subscribe("/hook/public", "request.created", "request.note_added");

        String id = newPothole("Hole with a caller", "caller@example.org");
        change(id, "{\"internal_note\": \"caller is the school janitor\"}");
        change(id, "{\"public_note\": \"Crew on the way\", \"internal_note\": \"crew 7, overtime\"}");

        List<Receiver.Delivery> staffSide = of(receiver.await("/hook/staff", all -> count(all, id) >= 3), id);
        List<Receiver.Delivery> publicSide = of(receiver.await("/hook/public", all -> count(all, id) >= 2), id);
        assertEquals(3, staffSide.size());
        List<Integer> staffSequence = new ArrayList<>();
        List<Integer> publicSequence = new ArrayList<>();
        for (Receiver.Delivery d : staffSide) {
            assertTrue(verifies(d, staffSecret), d.body());
            assertEquals(Set.of(), EventSchema.problems(d.body()), d.body());
            JsonNode data = json(d).path("data");
            staffSequence.add(data.path("staff").path("sequence").asInt());
            publicSequence.add(data.path("sequence").asInt());
            assertEquals(
                    "caller@example.org",
                    data.path("staff").path("submitter").path("email").asText(),
                    d.body());
            assertEquals("app", data.path("staff").path("channel").asText(), "the test client's default channel");
        }
        assertEquals(List.of(1, 2, 3), staffSequence);
        assertEquals(List.of(1, 1, 2), publicSequence, "the public count skips the internal-only event");
        assertEquals(
                "caller is the school janitor",
                json(staffSide.get(1))
                        .path("data")
                        .path("staff")
                        .path("internal_note")
                        .asText());
        assertEquals(
                "crew 7, overtime",
                json(staffSide.get(2))
                        .path("data")
                        .path("staff")
                        .path("internal_note")
                        .asText());

        // deliveries go in order per request, so an internal event wrongly sent to the public receiver
        // would have arrived before the last public one it waited for: no need to wait any longer
        assertEquals(2, publicSide.size(), "the internal note alone is not a public event");
        for (int i = 0; i < publicSide.size(); i++) {
            Receiver.Delivery d = publicSide.get(i);
            assertTrue(verifies(d, publicHook[1]));
            assertEquals(i + 1, json(d).path("data").path("sequence").asInt());
            assertTrue(json(d).path("data").path("staff").isMissingNode(), d.body());
            assertFalse(d.body().contains("caller@example.org"), d.body());
            assertFalse(d.body().contains("janitor") || d.body().contains("overtime"), d.body());
        }

        String crmKey = crm.path("key");
        JsonNode feed = JSON.readTree(given().queryParam("api_key", crmKey)
                .queryParam("staff_view", "true")
                .queryParam("limit", "500")
                .when()
                .get(V2 + "/events.json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<String> notes = new ArrayList<>();
        feed.path("events").forEach(e -> {
            if (id.equals(e.path("data").path("service_request_id").asText())) {
                notes.add(e.path("data").path("staff").path("internal_note").asText(""));
            }
        });
        assertEquals(List.of("", "caller is the school janitor", "crew 7, overtime"), notes);
    }

    private static long count(List<Receiver.Delivery> deliveries, String serviceRequestId) {
        try {
            return of(deliveries, serviceRequestId).size();
        } catch (Exception e) {
            return 0;
        }
    }

    @Test
    void targetsInsideTheCitysNetworkAreRefused() {
        ensureClient();
        for (String url : List.of(
                "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.7/hook",
                "http://192.168.1.1/hook",
                "http://[fd00::1]/hook",
                "http://[::1]/hook",
                "ftp://127.0.0.1/hook",
                "http://user:pw@127.0.0.1/hook")) {
            admin().body(Map.of("api_client_id", clientId, "url", url, "event_types", List.of("request.created")))
                    .when()
                    .post(ADMIN + "/webhooks")
                    .then()
                    .statusCode(400);
        }
    }

    @Test
    void theFeedPagesByCursorAndLongPolls() throws Exception {
        ensureClient();
        var first = given().queryParam("api_key", clientKey)
                .queryParam("limit", "500")
                .when()
                .get(V2 + "/events.json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String cursor = first.getString("next_after");
        assertNotNull(cursor);
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return JSON.readTree(given().queryParam("api_key", clientKey)
                        .queryParam("after", cursor)
                        .queryParam("wait", "20")
                        .when()
                        .get(V2 + "/events.json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String id = newPothole("Feed hole", "f@example.org");
        JsonNode page = waiting.get(30, TimeUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        page.path("events")
                .forEach(e -> ids.add(e.path("data").path("service_request_id").asText()));
        assertTrue(ids.contains(id), page.toString());
        given().queryParam("api_key", KEY)
                .when()
                .get(V2 + "/events.json")
                .then()
                .statusCode(403);
        given().queryParam("api_key", clientKey)
                .when()
                .get(V2 + "/events.xml")
                .then()
                .statusCode(404);
        given().queryParam("api_key", clientKey)
                .queryParam("after", "nonsense")
                .when()
                .get(V2 + "/events.json")
                .then()
                .statusCode(400);
    }
}
