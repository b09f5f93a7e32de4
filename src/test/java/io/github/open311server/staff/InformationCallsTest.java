package io.github.open311server.staff;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
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
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Information calls: an informational service answers with its notice, files no work item, and is counted. */
@QuarkusTest
@QuarkusTestResource(TestSigningKeys.class)
class InformationCallsTest {

    private static final String NOTICE = "City hall is open Monday to Friday, 8 am to 5 pm.";

    @Inject
    Db db;

    @BeforeEach
    void anInformationalService() {
        CityApi.admin()
                .body("{\"service_name\": \"Opening hours\", \"informational\": true, \"service_notice\": \"" + NOTICE
                        + "\"}")
                .when()
                .put(CityApi.ADMIN + "/services/HOURS")
                .then()
                .statusCode(200)
                .body("informational", equalTo(true));
    }

    private String requestsOf(String code) {
        return db.value(
                "SELECT count(*) FROM service_requests r JOIN services s ON s.id = r.service_ref"
                        + " WHERE s.service_code = ?",
                code);
    }

    @Test
    void anInformationalServiceNeedsItsAnswer() {
        CityApi.admin()
                .body("{\"service_name\": \"Bins\", \"informational\": true}")
                .when()
                .put(CityApi.ADMIN + "/services/BINS")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("service_notice"));
    }

    @Test
    void callsAndPostsAreAnsweredCountedAndFileNothing() {
        String start =
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(0).toString();
        String end = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).withNano(0).toString();
        String before = db.value("SELECT count(*) FROM information_contacts c JOIN services s ON s.id = c.service_ref"
                + " WHERE s.service_code = 'HOURS'");

        // a public POST: the answer is the notice, no id, no token, nothing filed
        Api.post("json", "api_key", Api.KEY, "service_code", "HOURS")
                .statusCode(200)
                .body("[0].service_notice", equalTo(NOTICE))
                .body("[0]", not(hasKey("service_request_id")))
                .body("[0]", not(hasKey("token")));
        // a call taker logs a phone call
        CityApi.staff()
                .body("{\"service_code\": \"HOURS\", \"channel\": \"phone\", \"note\": \"asked about Saturdays\"}")
                .when()
                .post("/staff/v1/jurisdictions/" + CityApi.J + "/contacts")
                .then()
                .statusCode(201)
                .body("service_notice", equalTo(NOTICE))
                .body("channel", equalTo("phone"));
        assertEquals("0", requestsOf("HOURS"), "no work item");
        assertEquals(
                Integer.parseInt(before) + 2,
                Integer.parseInt(db.value("SELECT count(*) FROM information_contacts c JOIN services s"
                        + " ON s.id = c.service_ref WHERE s.service_code = 'HOURS'")));

        List<Map<String, Object>> rows = CityApi.staff()
                .when()
                .get("/staff/v1/jurisdictions/" + CityApi.J + "/statistics/contacts.json?service_code=HOURS"
                        + "&group_by=service_code,channel&start_date=" + start + "&end_date=" + end)
                .then()
                .statusCode(200)
                .extract()
                .path("rows");
        Map<String, Integer> byChannel = new java.util.TreeMap<>();
        rows.forEach(r -> byChannel.put((String) r.get("channel"), ((Number) r.get("count")).intValue()));
        assertEquals(Map.of("app", 1, "phone", 1), byChannel);
        given().when()
                .get(Api.V2 + "/statistics/contacts.json?group_by=service_code&start_date=" + start + "&end_date="
                        + end)
                .then()
                .statusCode(200)
                .body("rows.find { it.service_code == 'HOURS' }.count", equalTo(2));
        given().when()
                .get(Api.V2 + "/statistics/contacts.json?status=open")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("contacts are counted by"));
    }

    @Test
    void aCallTakerFilesRequestsAndLogsQuestionsSeparately() {
        CityApi.staff()
                .body("{\"service_code\": \"POTHOLE\", \"channel\": \"phone\"}")
                .when()
                .post("/staff/v1/jurisdictions/" + CityApi.J + "/contacts")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("not an informational service"));
        CityApi.staff()
                .body("{\"service_code\": \"HOURS\"}")
                .when()
                .post("/staff/v1/jurisdictions/" + CityApi.J + "/contacts")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("channel is required"));
        Api.form()
                .auth()
                .oauth2(io.github.open311server.support.Tokens.staff(CityApi.J))
                .formParam("service_code", "HOURS")
                .formParam("channel", "phone")
                .when()
                .post("/staff/v1/jurisdictions/" + CityApi.J + "/requests")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("/contacts"));
        given().contentType("application/json")
                .body("{\"service_code\": \"HOURS\", \"channel\": \"phone\"}")
                .when()
                .post("/staff/v1/jurisdictions/" + CityApi.J + "/contacts")
                .then()
                .statusCode(401);
    }
}
