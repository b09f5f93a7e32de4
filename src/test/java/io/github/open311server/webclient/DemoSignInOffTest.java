package io.github.open311server.webclient;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** A city's production set-up: the client on, the demo sign-in off (its default), so nobody can mint a token. */
@QuarkusTest
@TestProfile(DemoSignInOffTest.Production.class)
class DemoSignInOffTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("open311.web-client.demo-sign-in", "false");
        }
    }

    @Test
    void thePagesAreServedButNoTokenIsMinted() {
        given().when().get("/client/staff/").then().statusCode(200);
        given().when().get("/client/config.json").then().statusCode(200).body("demo_sign_in", equalTo(false));
        for (String role : new String[] {"staff", "admin"}) {
            given().contentType("application/json")
                    .body("{\"role\": \"" + role + "\"}")
                    .when()
                    .post("/client/demo-sign-in")
                    .then()
                    .statusCode(404)
                    .body("[0].code", equalTo(404));
        }
    }
}
