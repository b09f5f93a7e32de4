package io.github.open311server.followup;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Db;
import io.github.open311server.support.GreenMailResource;
import io.github.open311server.support.Mailbox;
import io.github.open311server.support.TestClock;

import static io.github.open311server.support.Api.KEY;
import static io.github.open311server.support.Api.post;
import static io.github.open311server.support.CityApi.ADMIN;
import static io.github.open311server.support.CityApi.STAFF;
import static io.github.open311server.support.CityApi.admin;
import static io.github.open311server.support.CityApi.mailKinds;
import static io.github.open311server.support.CityApi.staff;
import static io.github.open311server.support.Mailbox.part;
import static io.github.open311server.support.Mailbox.subject;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Priority and escalation end to end, on the server's clock moved by the test: an answer raises a
 * report to an emergency, the on-call staff hear of it at once, the supervisor when nobody
 * acknowledges it in time (again, up to the chain's limit), and nobody once staff act.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class EscalationTest {

    private static final String ON_CALL = "oncall@power.testcity.example";
    private static final String DUTY_OFFICER = "duty-officer@testcity.example";
    private static final String SUPERVISOR = "supervisor@testcity.example";
    private static final String AGENCY_DESK = "power@testcity.example";
    private static final String WIRES_DESK = "wires-desk@testcity.example";

    @Inject
    Db db;

    @AfterEach
    void putTheCityBack() {
        TestClock.reset();
        admin().when().delete(ADMIN + "/escalation-chains/emergency");
        admin().body("{\"service_name\": \"Fallen electrical wires\", \"active\": false}")
                .when()
                .put(ADMIN + "/services/WIRES")
                .then()
                .statusCode(200);
    }

    private void aCityWithAnEmergencyChain() {
        admin().body("""
                {"service_name": "Fallen electrical wires", "default_agency": "Power Utility",
                 "default_priority": "high", "mail_addresses": ["%s"],
                 "priority_rules": [{"attribute": "LIVE", "value": "yes", "priority": "emergency"}],
                 "attributes": [{"code": "LIVE", "datatype": "singlevaluelist", "required": true, "order": 1,
                   "description": "Are they sparking or humming?",
                   "values": [{"key": "yes", "name": "Yes"}, {"key": "no", "name": "No"}]}]}""".formatted(WIRES_DESK))
                .when()
                .put(ADMIN + "/services/WIRES")
                .then()
                .statusCode(200)
                .body("default_priority", equalTo("high"))
                .body("priority_rules[0].priority", equalTo("emergency"));
        admin().body(Map.of("mail_addresses", List.of(AGENCY_DESK), "on_call_addresses", List.of(ON_CALL)))
                .when()
                .put(ADMIN + "/agencies/Power Utility")
                .then()
                .statusCode(204);
        admin().body(Map.of(
                        "on_call_addresses",
                        List.of(DUTY_OFFICER),
                        "acknowledge_within_minutes",
                        15,
                        "supervisor_addresses",
                        List.of(SUPERVISOR),
                        "max_escalations",
                        2))
                .when()
                .put(ADMIN + "/escalation-chains/emergency")
                .then()
                .statusCode(200)
                .body("priority", equalTo("emergency"));
    }

    private static String fileWires(String live, String description) {
        return post(
                        "json",
                        "api_key",
                        KEY,
                        "service_code",
                        "WIRES",
                        "lat",
                        "39.7011",
                        "long",
                        "-89.6011",
                        "address_string",
                        "4 Mill Rd",
                        "email",
                        "neighbour@example.org",
                        "description",
                        description,
                        "attribute[LIVE]",
                        live)
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
    }

    private static Map<String, Object> view(String id) {
        return staff().when().get(STAFF + id).then().statusCode(200).extract().path("");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> escalation(String id) {
        return (Map<String, Object>) view(id).get("escalation");
    }

    private static long supervisorMailsAbout(String id) throws Exception {
        return Mailbox.to(SUPERVISOR).stream()
                .filter(m -> subject(m).contains(id))
                .count();
    }

    /** Waits (at most 30 s) until the request's escalation level is the one given. */
    private static void awaitLevel(String id, int level) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (((Number) escalation(id).get("level")).intValue() != level) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(id + " never reached escalation level " + level + ": " + escalation(id));
            }
            Thread.sleep(100);
        }
    }

    @Test
    void anEmergencyAlertsOnCallAtOnceEscalatesWhenNobodyActsAndStopsWhenStaffDo() throws Exception {
        aCityWithAnEmergencyChain();
        String acted = fileWires("yes", "Wire down and sparking");
        String ignored = fileWires("yes", "Another wire down near the school");
        String calm = fileWires("no", "Cable hanging low, not live");

        // told at once: the agency's on-call mailbox and the chain's, with what staff need to act
        MimeMessage alert = Mailbox.awaitSubject(ON_CALL, acted);
        assertTrue(subject(alert).startsWith("[emergency] Fallen electrical wires " + acted), subject(alert));
        assertEquals("high", alert.getHeader("Importance")[0]);
        String text = part(alert, "text/plain");
        assertTrue(text.contains("Wire down and sparking") && text.contains("LIVE: yes"), text);
        assertTrue(text.contains("neighbour@example.org"), "on-call staff get the contact data: " + text);
        Mailbox.awaitSubject(DUTY_OFFICER, acted);
        // the service's own desk hears of new requests, not the agency's general mailbox
        Mailbox.awaitSubject(WIRES_DESK, "New report " + acted);
        assertFalse(
                Mailbox.to(AGENCY_DESK).stream().anyMatch(m -> subject(m).contains(acted)),
                "the service's addresses replace the agency's");

        assertEquals("emergency", view(acted).get("priority"));
        assertEquals("high", view(calm).get("priority"), "the service's default when no rule matches");
        assertEquals(List.of("acknowledgement", "department_new"), mailKinds(calm), "no chain for high: no alert");
        assertEquals(List.of("acknowledgement", "department_new", "on_call_alert"), mailKinds(acted));
        Map<String, Object> before = escalation(acted);
        assertEquals(0, before.get("level"));
        assertNull(before.get("acknowledged_datetime"));
        assertNotNull(before.get("next_escalation_datetime"));
        assertEquals(0, supervisorMailsAbout(acted), "nothing for the supervisor before the limit");

        // 16 minutes later nobody has acknowledged either: the supervisor is told of both
        TestClock.advance(Duration.ofMinutes(16));
        MimeMessage escalation = Mailbox.awaitSubject(SUPERVISOR, "Escalation 1", acted);
        assertTrue(subject(escalation).contains("emergency"), subject(escalation));
        Mailbox.awaitSubject(SUPERVISOR, "Escalation 1", ignored);
        awaitLevel(acted, 1);
        List<Map<String, Object>> history =
                staff().when().get(STAFF + acted).then().extract().path("history.findAll { it.action == 'escalated' }");
        assertEquals(1, history.size());
        assertEquals(false, history.get(0).get("is_public"));
        assertEquals(
                List.of("request.escalated"),
                db.column(
                        "SELECT event_type FROM events e JOIN service_requests r ON r.id = e.request_ref"
                                + " WHERE r.service_request_id = ? AND e.staff_only"
                                + " AND e.payload #>> '{data,escalation_level}' = '1'"
                                + " AND e.payload #>> '{data,priority}' = 'emergency'",
                        acted),
                "an event for staff views, with the priority and level");
        given().when()
                .get("/open311/v2/requests/" + acted + ".json?extensions=true")
                .then()
                .statusCode(200)
                .body(not(containsString(SUPERVISOR)))
                .body(not(containsString("escalat")));

        // a staff member acts on one: that stops its chain; the other goes on to its limit of two
        int version = ((Number) view(acted).get("version")).intValue();
        staff().header("If-Match", "\"" + version + "\"")
                .body("{\"internal_note\": \"Crew 3 on the way\"}")
                .when()
                .patch(STAFF + acted)
                .then()
                .statusCode(200)
                .body("escalation.acknowledged_datetime", notNullValue())
                .body("escalation.next_escalation_datetime", nullValue());
        TestClock.advance(Duration.ofMinutes(16));
        Mailbox.awaitSubject(SUPERVISOR, "Escalation 2", ignored);
        awaitLevel(ignored, 2);
        assertNull(escalation(ignored).get("next_escalation_datetime"), "two escalations at most");
        // two worker threads raced for every timer (as two nodes would): each fired once
        assertEquals(
                List.of("acknowledgement", "department_new", "on_call_alert", "escalation", "escalation"),
                mailKinds(ignored));
        List<Object> escalations = staff().when()
                .get(STAFF + ignored)
                .then()
                .extract()
                .path("history.findAll { it.action == 'escalated' }.changes.escalation_level.to");
        assertEquals(List.of(1, 2), escalations);
        assertEquals(1, supervisorMailsAbout(acted), "nothing more once acknowledged");
        assertEquals(1, ((Number) escalation(acted).get("level")).intValue());

        List<Map<String, Object>> chain = admin().when()
                .get(ADMIN + "/escalation-chains")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertEquals(List.of(DUTY_OFFICER), chain.get(0).get("on_call_addresses"));
    }

    @Test
    void staffSetThePriorityAndChainsAreChecked() {
        aCityWithAnEmergencyChain();
        String id = fileWires("no", "Low cable");
        int version = ((Number) view(id).get("version")).intValue();
        staff().header("If-Match", "\"" + version + "\"")
                .body("{\"priority\": \"urgent\"}")
                .when()
                .patch(STAFF + id)
                .then()
                .statusCode(400)
                .body("[0].description", containsString("priority must be normal, high or emergency"));
        staff().header("If-Match", "\"" + version + "\"")
                .body("{\"priority\": \"normal\"}")
                .when()
                .patch(STAFF + id)
                .then()
                .statusCode(200)
                .body("priority", equalTo("normal"))
                .body("history.find { it.action == 'updated' }.changes.priority.from", equalTo("high"));

        admin().body(Map.of("acknowledge_within_minutes", 0, "supervisor_addresses", List.of("not an address")))
                .when()
                .put(ADMIN + "/escalation-chains/emergency")
                .then()
                .statusCode(400)
                .body(
                        "description",
                        hasItems(containsString("acknowledge_within_minutes"), containsString("supervisor_addresses")));
        admin().body(Map.of("acknowledge_within_minutes", 5, "supervisor_addresses", List.of(SUPERVISOR)))
                .when()
                .put(ADMIN + "/escalation-chains/urgent")
                .then()
                .statusCode(404);
        // without attributes the stored definition stays, and the rules are checked against it
        admin().body("""
                {"service_name": "Fallen electrical wires", "default_agency": "Power Utility",
                 "priority_rules": [{"attribute": "LIVE", "value": "yes", "priority": "emergency"}]}""")
                .when()
                .put(ADMIN + "/services/WIRES")
                .then()
                .statusCode(200)
                .body("priority_rules[0].attribute", equalTo("LIVE"));
        admin().body("{\"service_name\": \"x\", \"priority_rules\": [null]}")
                .when()
                .put(ADMIN + "/services/WIRES")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("a rule is empty"));
        admin().body("""
                {"service_name": "Broken", "priority_rules": [{"attribute": "NOPE", "value": "x", "priority": "high"}]}""")
                .when()
                .put(ADMIN + "/services/WIRES")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("attribute must be the code of an attribute"));
    }
}
