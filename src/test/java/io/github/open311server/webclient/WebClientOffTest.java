package io.github.open311server.webclient;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A city that runs its own front end turns the client off: every page and call of it is a 404 document. */
@QuarkusTest
@TestProfile(WebClientOffTest.ClientOff.class)
class WebClientOffTest {

    public static class ClientOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("open311.web-client.enabled", "false", "open311.web-client.demo-sign-in", "false");
        }
    }

    @Test
    void noPageNoSettingsNoSignIn() {
        for (String path :
                List.of("/client", "/client/", "/client/staff/", "/client/js/report.js", "/client/config.json")) {
            given().when()
                    .get(path)
                    .then()
                    .statusCode(404)
                    .contentType(startsWith("application/json"))
                    .body("[0].code", equalTo(404));
        }
        given().contentType("application/json")
                .body("{\"role\": \"admin\"}")
                .when()
                .post("/client/demo-sign-in")
                .then()
                .statusCode(404)
                .body("[0].code", equalTo(404));
        // the Open311 API itself is unaffected
        given().when().get("/open311/v2/services.json").then().statusCode(200);
    }
}
