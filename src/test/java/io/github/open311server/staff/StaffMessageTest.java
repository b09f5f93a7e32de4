package io.github.open311server.staff;

import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.GreenMailResource;
import io.github.open311server.support.Mailbox;

import static io.github.open311server.support.Api.file;
import static io.github.open311server.support.CityApi.STAFF;
import static io.github.open311server.support.CityApi.staff;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staff's custom messages to the citizen of a request: mailed in their language, public or private in the history. */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class StaffMessageTest {

    private static final String CITIZEN = "lectora@example.org";

    @Test
    void aPrivateMessageIsMailedButNeverPublishedAndAPublicOneIsBoth() throws Exception {
        String id = file("POTHOLE", "address_string", "3 Oak St", "email", CITIZEN, "locale", "es");
        String secret = "Pasaremos el lunes por la mañana; deje libre la entrada de su garaje.";
        staff().body(Map.of("message", secret, "public", false))
                .when()
                .post(STAFF + id + "/messages")
                .then()
                .statusCode(200)
                .body("history.find { it.action == 'message' }.is_public", equalTo(false))
                .body("history.find { it.action == 'message' }.note", equalTo(secret))
                .body("escalation.acknowledged_datetime", not(equalTo(null)));
        MimeMessage mail = Mailbox.awaitSubject(CITIZEN, "Un mensaje sobre su aviso " + id);
        assertTrue(Mailbox.part(mail, "text/plain").contains(secret), Mailbox.part(mail, "text/plain"));
        given().when()
                .get("/open311/v2/requests/" + id + ".json?extensions=true")
                .then()
                .statusCode(200)
                .body(not(containsString("Pasaremos")));

        String open = "The crew has booked the repair for Monday.";
        staff().body(Map.of("message", open, "public", true))
                .when()
                .post(STAFF + id + "/messages")
                .then()
                .statusCode(200);
        given().when()
                .get("/open311/v2/requests/" + id + ".json?extensions=true")
                .then()
                .statusCode(200)
                .body(containsString(open));
        Mailbox.await(
                CITIZEN,
                all -> all.stream()
                                .filter(m -> Mailbox.subject(m).contains("Un mensaje sobre su aviso " + id))
                                .count()
                        == 2);
        List<String> kinds =
                staff().when().get(STAFF + id + "/mails").then().extract().path("kind");
        assertEquals(List.of("acknowledgement", "department_new", "message", "message"), kinds);
    }

    @Test
    void aMessageNeedsWordsAndAVisibility() {
        String id = file("POTHOLE", "address_string", "5 Oak St");
        staff().body(Map.of("message", "Hello"))
                .when()
                .post(STAFF + id + "/messages")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("public is required"));
        staff().body(Map.of("message", "  ", "public", true))
                .when()
                .post(STAFF + id + "/messages")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("message is required"));
        staff().body(Map.of("message", "Hello", "public", true))
                .when()
                .post(STAFF + "NO-SUCH-ID/messages")
                .then()
                .statusCode(404);
    }
}
