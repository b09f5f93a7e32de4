package io.github.open311server.web;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.github.open311server.support.Db;
import io.github.open311server.support.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Reads per address and minute, in a server of its own with a budget of five: the sixth read waits. */
@QuarkusTest
@TestProfile(AddressRateLimitsTest.FiveReads.class)
class AddressRateLimitsTest {

    public static class FiveReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("open311.rate-limits.gets-per-address-per-minute", "5");
        }
    }

    @Inject
    Db db;

    @Inject
    SharedCounters counters;

    @Test
    void theSixthReadOfAMinuteGets429WhileHealthAndStaffGoOn() throws Exception {
        while (LocalTime.now(ZoneOffset.UTC).getSecond() >= 50) {
            Thread.sleep(250); // five reads must fall in one minute
        }
        // the counts are the city's: the servers of the other test classes read from this address this minute too
        db.update("DELETE FROM rate_limit_counts WHERE bucket LIKE 'address:%'");
        counters.sync();
        int ok = 0;
        while (ok < 5) {
            given().when().get("/open311/v2/services.json").then().statusCode(200);
            ok++;
        }
        given().when()
                .get("/open311/v2/services.xml")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("errors.error.code", equalTo("429"))
                .body("errors.error.description", containsString("Too many reads from this address"));
        given().when().get("/open311/v2/requests.json").then().statusCode(429).body("[0].code", equalTo(429));
        given().when().get("/q/health/ready").then().statusCode(200);
        given().auth()
                .oauth2(Tokens.staff("testcity.example"))
                .when()
                .get("/staff/v1/jurisdictions/testcity.example/requests/overdue")
                .then()
                .statusCode(200);
    }
}
