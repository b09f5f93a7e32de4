package io.github.open311server.followup;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Db;
import io.github.open311server.support.GreenMailResource;
import io.github.open311server.support.Mailbox;
import io.github.open311server.support.TestClock;

import static io.github.open311server.support.Api.postPothole;
import static io.github.open311server.support.CityApi.ADMIN;
import static io.github.open311server.support.CityApi.STAFF;
import static io.github.open311server.support.CityApi.admin;
import static io.github.open311server.support.CityApi.mailKinds;
import static io.github.open311server.support.CityApi.staff;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reminders to the department, on the server's clock moved by the test: requests left received, and overdue ones. */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class RemindersTest {

    private static final String DEPARTMENT = "streets-desk@testcity.example";

    @Inject
    Db db;

    @AfterEach
    void putTheCityBack() {
        TestClock.reset();
        admin().body(Map.of("remind_received_after_hours", 0, "remind_when_overdue", false))
                .when()
                .put(ADMIN + "/settings")
                .then()
                .statusCode(200);
    }

    /** Waits (at most 30 s) until the request has no timer of this kind left (it fired, or was cleared). */
    private void awaitNoTimer(String id, String kind) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"0"
                .equals(db.value(
                        "SELECT count(*) FROM request_timers t JOIN service_requests r ON r.id = t.request_ref"
                                + " WHERE r.service_request_id = ? AND t.kind = ?",
                        id,
                        kind))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the " + kind + " timer of " + id + " never fired");
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aRequestLeftReceivedAndAnOverdueOneRemindTheDepartment() throws Exception {
        admin().body(Map.of("remind_received_after_hours", 2, "remind_when_overdue", true))
                .when()
                .put(ADMIN + "/settings")
                .then()
                .statusCode(200)
                .body("remind_received_after_hours", equalTo(2))
                .body("remind_when_overdue", equalTo(true));
        admin().body(Map.of("mail_addresses", List.of(DEPARTMENT)))
                .when()
                .put(ADMIN + "/agencies/Streets Department")
                .then()
                .statusCode(204);
        String untouched = postPothole("Nobody looked at this one");
        String started = postPothole("A crew is on this one");
        int version = staff().when().get(STAFF + started).then().extract().path("version");
        staff().header("If-Match", "\"" + version + "\"")
                .body("{\"detailed_status\": \"in_progress\"}")
                .when()
                .patch(STAFF + started)
                .then()
                .statusCode(200);

        TestClock.advance(Duration.ofHours(2).plusMinutes(1));
        Mailbox.awaitSubject(DEPARTMENT, "Reminder: report " + untouched + " is still waiting");
        awaitNoTimer(started, "still_received");
        assertFalse(
                mailKinds(started).contains("reminder"),
                "a request someone started is not chased: " + mailKinds(started));
        List<Map<String, Object>> reminders = staff().when()
                .get(STAFF + untouched)
                .then()
                .extract()
                .path("history.findAll { it.action == 'reminder' }");
        assertEquals(1, reminders.size());
        assertEquals(false, reminders.get(0).get("is_public"));

        // the pothole service expects a fix within 5 days: both are past that, both still open
        TestClock.advance(Duration.ofDays(5));
        String text = Mailbox.part(
                Mailbox.awaitSubject(DEPARTMENT, "Reminder: report " + started + " is past its expected date"),
                "text/plain");
        assertTrue(text.contains("was expected to be done by"), text);
        Mailbox.awaitSubject(DEPARTMENT, "Reminder: report " + untouched + " is past its expected date");
        assertEquals(
                List.of("acknowledgement", "department_new", "reminder", "reminder"),
                mailKinds(untouched),
                "one reminder of each kind, not one per round");

        List<Map<String, Object>> overdue = staff().when()
                .get(STAFF + "overdue")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        Map<String, Object> mine = overdue.stream()
                .filter(o -> o.get("service_request_id").equals(started))
                .findFirst()
                .orElseThrow();
        assertEquals("normal", mine.get("priority"));
        assertEquals(true, mine.get("acknowledged"));
        assertEquals(0, mine.get("escalation_level"));
    }

    @Test
    void reminderSettingsAreChecked() {
        admin().body(Map.of("remind_received_after_hours", -1))
                .when()
                .put(ADMIN + "/settings")
                .then()
                .statusCode(400);
    }
}
