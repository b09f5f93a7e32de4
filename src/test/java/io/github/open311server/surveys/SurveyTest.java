package io.github.open311server.surveys;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import io.github.open311server.support.GreenMailResource;
import io.github.open311server.support.Tokens;

import static io.github.open311server.support.Api.KEY;
import static io.github.open311server.support.Api.V2;
import static io.github.open311server.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The survey of the closing mail: answered through its link, "not fixed" reopens, staff see the answers. */
@QuarkusTest
class SurveyTest {

    private static final String J = "testcity.example";
    private static final String STAFF = "/staff/v1/jurisdictions/" + J;
    private static final Pattern SURVEY =
            Pattern.compile("(/mail/v1/survey\\?token=[0-9]+\\.[0-9a-f]+\\.[A-Za-z0-9_-]+)");

    private static RequestSpecification staff() {
        return given().auth().oauth2(Tokens.staff(J)).contentType("application/json");
    }

    @Test
    void notFixedReopensTheRequestAndStaffSeeTheAnswer() throws Exception {
        String citizen = "surveyed@example.org";
        String id = post(
                        "json",
                        "api_key",
                        KEY,
                        "service_code",
                        "POTHOLE",
                        "address_string",
                        "9 Oak St",
                        "email",
                        citizen)
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        int version =
                staff().when().get(STAFF + "/requests/" + id).then().extract().path("version");
        staff().header("If-Match", "\"" + version + "\"")
                .body("{\"detailed_status\": \"resolved\"}")
                .when()
                .patch(STAFF + "/requests/" + id)
                .then()
                .statusCode(200);

        String text = text(awaitSubject(citizen, "closed"));
        Matcher m = SURVEY.matcher(text);
        assertFalse(!m.find(), "a survey link in the closing mail: " + text);
        String survey = m.group(1);

        given().when().get(survey).then().statusCode(200).body(containsString("name=\"satisfaction\""));
        given().contentType("application/x-www-form-urlencoded")
                .formParam("satisfaction", "7")
                .when()
                .post(survey)
                .then()
                .statusCode(400)
                .body("[0].description", containsString("1 to 5"));
        given().contentType("application/x-www-form-urlencoded")
                .formParam("comment", "only words")
                .when()
                .post(survey)
                .then()
                .statusCode(400);
        given().contentType("application/x-www-form-urlencoded")
                .formParam("satisfaction", "2")
                .when()
                .post(survey.replace("/survey?", "/unsubscribe?"))
                .then()
                .statusCode(400); // a survey token opens no unsubscribe
        given().contentType("application/x-www-form-urlencoded")
                .formParam("satisfaction", "2")
                .formParam("fixed", "no")
                .formParam("comment", "Still a hole, my neighbour Bob fell in it")
                .when()
                .post(survey)
                .then()
                .statusCode(200)
                .body(containsString("reopened"));

        var request = given().queryParam("extensions", "true")
                .when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals("open", request.getString("[0].status"));
        assertEquals("received", request.getString("[0].extended_attributes.detailed_status"));
        List<String> notes = request.getList("[0].extended_attributes.history.note");
        assertEquals("Reopened: the person who reported it says it is not fixed.", notes.get(notes.size() - 1));
        assertFalse(request.prettify().contains("Bob"), "the comment is never public");

        staff().when()
                .get(STAFF + "/requests/" + id + "/survey")
                .then()
                .statusCode(200)
                .body("satisfaction", equalTo(2))
                .body("fixed", equalTo(false))
                .body("comment", containsString("Bob"));
        staff().when()
                .get(STAFF + "/surveys")
                .then()
                .statusCode(200)
                .body("service_code", hasItem("POTHOLE"))
                .body("find { it.service_code == 'POTHOLE' }.answers", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        // the reopening is a change like any other: the citizen hears of it
        awaitSubject(citizen, "received");
    }

    private static MimeMessage awaitSubject(String to, String word) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage m : GreenMailResource.smtp().getReceivedMessages()) {
                if (Arrays.stream(m.getAllRecipients())
                                .anyMatch(a -> a.toString().contains(to))
                        && m.getSubject().contains(word)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + to + " with '" + word + "' in its subject");
    }

    private static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return (String) part.getContent();
                }
            }
        }
        return String.valueOf(content);
    }
}
