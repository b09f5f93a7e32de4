package io.github.open311server.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Db;
import io.github.open311server.support.GreenMailResource;

import static io.github.open311server.support.Api.KEY;
import static io.github.open311server.support.Api.post;
import static io.github.open311server.support.CityApi.ADMIN;
import static io.github.open311server.support.CityApi.STAFF;
import static io.github.open311server.support.CityApi.admin;
import static io.github.open311server.support.CityApi.mailKinds;
import static io.github.open311server.support.CityApi.staff;
import static io.github.open311server.support.Mailbox.await;
import static io.github.open311server.support.Mailbox.part;
import static io.github.open311server.support.Mailbox.subject;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mail end to end: a report through the public API, staff changes through the staff API, and what a
 * real SMTP server (GreenMail, in this JVM) received.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class MailTest {

    private static final String DEPARTMENT = "streets@testcity.example";

    @Inject
    Db db;

    /**
     * Waits (at most 30 s) until no mail is pending: a relay stopped in the middle of an SMTP dialogue leaves the
     * sending worker waiting on its socket, which is another case than a relay that is away.
     */
    private void awaitNoMailInFlight() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"0".equals(db.value("SELECT count(*) FROM mail_jobs WHERE state = 'pending'"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals("0", db.value("SELECT count(*) FROM mail_jobs WHERE state = 'pending'"), "mail still pending");
    }

    private static void departmentsHaveAddresses() {
        admin().body(Map.of("mail_addresses", List.of(DEPARTMENT)))
                .when()
                .put(ADMIN + "/agencies/Streets Department")
                .then()
                .statusCode(204);
    }

    private static String file(String email, String... more) {
        List<String> pairs = new ArrayList<>(List.of(
                "api_key",
                KEY,
                "service_code",
                "POTHOLE",
                "lat",
                "39.7011",
                "long",
                "-89.6011",
                "email",
                email,
                "address_string",
                "12 Elm St",
                "description",
                "Hole near the school"));
        pairs.addAll(List.of(more));
        return post("json", pairs.toArray(String[]::new))
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
    }

    private static void change(String id, String json) {
        int version =
                staff().when().get(STAFF + id).then().statusCode(200).extract().path("version");
        staff().header("If-Match", "\"" + version + "\"")
                .body(json)
                .when()
                .patch(STAFF + id)
                .then()
                .statusCode(200);
    }

    private static List<String> states(String id) {
        return staff().when()
                .get(STAFF + id + "/mails")
                .then()
                .statusCode(200)
                .extract()
                .path("state");
    }

    private static void awaitStates(String id, Predicate<List<String>> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.test(states(id))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("mail states of " + id + " never met the condition: " + states(id));
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aReportTellsTheDepartmentAndTheCitizenInTheirLanguageAndNeverAnInternalNote() throws Exception {
        departmentsHaveAddresses();
        String citizen = "vecina@example.org";
        String id = file(citizen, "locale", "es");

        MimeMessage department = await(
                        DEPARTMENT, all -> all.stream().anyMatch(m -> subject(m).contains(id)))
                .stream()
                .filter(m -> subject(m).contains(id))
                .findFirst()
                .orElseThrow();
        String report = part(department, "text/plain");
        assertTrue(report.contains("Hole near the school"), report);
        assertTrue(report.contains(citizen), "the department gets the contact data: " + report);
        assertTrue(report.contains("openstreetmap.org/?mlat=39.7011"), report);
        assertTrue(subject(department).startsWith("New report " + id), "departments read the city's language");

        MimeMessage ack = await(citizen, all -> !all.isEmpty()).get(0);
        assertTrue(subject(ack).startsWith("Hemos recibido su aviso " + id), subject(ack));
        String text = part(ack, "text/plain");
        assertTrue(text.contains("Crews usually respond within 5 working days."), text);
        assertTrue(text.contains("/open311/v2/requests/" + id + ".json"), "tracking link: " + text);
        String html = part(ack, "text/html");
        assertNotNull(html, "an HTML part too");
        assertTrue(html.contains("<p>") && html.contains("lang=\"es\""), html);
        String unsubscribe = ack.getHeader("List-Unsubscribe")[0];
        assertTrue(
                unsubscribe.matches("<http://.*/mail/v1/unsubscribe\\?token=[0-9]+\\.[0-9a-f]{64}\\.[A-Za-z0-9_-]+>"),
                unsubscribe);
        assertEquals("List-Unsubscribe=One-Click", ack.getHeader("List-Unsubscribe-Post")[0]);
        assertFalse(text.contains("Contacto"), "no contact block for citizens");

        change(id, "{\"internal_note\": \"caller sounded upset\"}");
        change(id, "{\"detailed_status\": \"in_progress\", \"internal_note\": \"crew 7\"}");
        change(id, "{\"detailed_status\": \"resolved\", \"public_note\": \"Filled with asphalt.\"}");
        List<MimeMessage> mine = await(citizen, all -> all.size() >= 3);
        assertEquals(3, mine.size());
        assertTrue(subject(mine.get(1)).contains("en curso"), subject(mine.get(1)));
        assertTrue(subject(mine.get(2)).contains("cerrado: resuelto"), subject(mine.get(2)));
        assertTrue(part(mine.get(2), "text/plain").contains("Filled with asphalt."));
        for (MimeMessage m : mine) {
            String body = part(m, "text/plain") + part(m, "text/html");
            assertFalse(body.contains("upset") || body.contains("crew 7"), "an internal note in a mail: " + body);
        }
        assertEquals(
                List.of("acknowledgement", "department_new", "status_changed", "closed"),
                mailKinds(id),
                "the internal note alone made no mail");
    }

    @Test
    void oneClickUnsubscribeStopsTheMailOfThatRequest() throws Exception {
        String citizen = "optout@example.org";
        String id = file(citizen);
        MimeMessage ack = await(citizen, all -> !all.isEmpty()).get(0);
        assertTrue(subject(ack).startsWith("We received your report " + id), subject(ack));
        String link = ack.getHeader("List-Unsubscribe")[0].replaceAll("^<|>$", "");
        String path = link.substring(link.indexOf("/mail/v1/"));
        given().when().get(path).then().statusCode(200).body(containsString("<form method=\"post\""));
        given().contentType("application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click")
                .when()
                .post(path)
                .then()
                .statusCode(200)
                .body(containsString(id));
        given().contentType("application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click")
                .when()
                .post(path.substring(0, path.length() - 1) + (path.endsWith("A") ? "B" : "A"))
                .then()
                .statusCode(400);

        change(id, "{\"detailed_status\": \"scheduled\"}");
        awaitStates(id, s -> s.size() == 3 && !s.get(2).equals("pending"));
        assertEquals("opted_out", states(id).get(2));
        assertEquals(1, await(citizen, all -> true).size(), "nothing was sent after the opt-out");

        // another request of the same address still gets its mail
        String other = file(citizen);
        await(citizen, all -> all.stream().anyMatch(m -> subject(m).contains(other)));
    }

    @Test
    void mailWaitsForARelayThatIsAwayAndIsSentWhenItIsBack() throws Exception {
        String citizen = "patient@example.org";
        awaitNoMailInFlight();
        GreenMailResource.stopRelay();
        String id;
        try {
            id = file(citizen);
            long deadline = System.currentTimeMillis() + 30_000;
            List<Map<String, Object>> log;
            do {
                Thread.sleep(100);
                log = staff().when().get(STAFF + id + "/mails").then().extract().path("");
            } while ((log.isEmpty() || log.get(0).get("last_error") == null) && System.currentTimeMillis() < deadline);
            assertEquals("pending", log.get(0).get("state"));
            assertNotNull(log.get(0).get("last_error"), "the refused attempt is visible to staff: " + log);
        } finally {
            GreenMailResource.restart();
        }
        await(citizen, all -> !all.isEmpty());
        awaitStates(id, s -> "sent".equals(s.get(0)));
    }

    @Test
    void aCitysOwnTemplateIsCheckedWhenSavedAndUsedAfterwards() throws Exception {
        admin().body("{\"subject\": \"Hello {#if request.service_request_id}\", \"text\": \"x\"}")
                .when()
                .put(ADMIN + "/mail-templates/acknowledgement/en")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("subject does not render"));
        admin().body("{\"subject\": \"Hello\", \"text\": \"{request.no_such_field}\"}")
                .when()
                .put(ADMIN + "/mail-templates/acknowledgement/en")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("text does not render"));
        admin().body("{\"subject\": \"Thanks from {jurisdiction.name}: {request.service_request_id}\","
                        + " \"text\": \"Your number is {request.service_request_id}.\"}")
                .when()
                .put(ADMIN + "/mail-templates/acknowledgement/en")
                .then()
                .statusCode(200)
                .body("source", equalTo("saved"));
        try {
            String citizen = "template@example.org";
            String id = file(citizen);
            MimeMessage ack = await(citizen, all -> !all.isEmpty()).get(0);
            assertEquals("Thanks from Test City: " + id, subject(ack));
            assertEquals("Your number is " + id + ".", part(ack, "text/plain").strip());
        } finally {
            admin().when()
                    .delete(ADMIN + "/mail-templates/acknowledgement/en")
                    .then()
                    .statusCode(204);
        }
        admin().when()
                .get(ADMIN + "/mail-templates/acknowledgement/en")
                .then()
                .statusCode(200)
                .body("source", equalTo("shipped"));
    }
}
