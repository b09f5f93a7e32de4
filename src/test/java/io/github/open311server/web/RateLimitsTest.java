package io.github.open311server.web;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import io.github.open311server.support.Api;
import io.github.open311server.support.Db;
import io.github.open311server.support.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POSTs per API key and minute: a client's own budget answered with 429, Retry-After and an Open311 error
 * document in the requested format, and a budget shared with the other nodes (simulated by writing their counts
 * where they would write them).
 */
@QuarkusTest
class RateLimitsTest {

    @Inject
    Db db;

    @Inject
    SharedCounters counters;

    /** A new API client with its own budget ({@code posts_per_minute} or {@code gets_per_minute}); its id and key. */
    private static JsonPath client(String budget, int perMinute) {
        return given().auth()
                .oauth2(Tokens.admin("testcity.example"))
                .contentType("application/json")
                .body(Map.of("name", "rate-limited app " + System.nanoTime(), budget, perMinute))
                .when()
                .post("/admin/v1/jurisdictions/testcity.example/api-clients")
                .then()
                .statusCode(201)
                .body(budget, equalTo(perMinute))
                .extract()
                .jsonPath();
    }

    private static io.restassured.response.ValidatableResponse post(String format, String key) {
        return Api.post(format, "api_key", key, "service_code", "POTHOLE", "address_string", "1 Budget Rd");
    }

    /** Budgets are per minute: a test that needs one whole starts early enough in a minute (waits at most 16 s). */
    private static void awaitEarlyInAMinute() throws InterruptedException {
        while (LocalTime.now(ZoneOffset.UTC).getSecond() >= 44) {
            Thread.sleep(250);
        }
    }

    @Test
    void aClientOverItsBudgetGets429InTheRequestedFormat() throws InterruptedException {
        String key = client("posts_per_minute", 3).getString("key");
        awaitEarlyInAMinute();
        for (int i = 0; i < 3; i++) {
            post("json", key).statusCode(200);
        }
        String retryAfter = post("json", key)
                .statusCode(429)
                .body("[0].code", equalTo(429))
                .body("[0].description", containsString("3 posts of this minute"))
                .extract()
                .header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 60, retryAfter);
        post("xml", key)
                .statusCode(429)
                .contentType(containsString("text/xml"))
                .body("errors.error.code", equalTo("429"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // another client is not affected
        post("json", Api.KEY).statusCode(200);
    }

    @Test
    void theBudgetIsSharedWithTheOtherNodes() throws Exception {
        JsonPath client = client("posts_per_minute", 5);
        String key = client.getString("key");
        awaitEarlyInAMinute();
        post("json", key).statusCode(200);
        // another node's four posts of this minute, as it adds them to the shared counts
        db.update("""
                INSERT INTO rate_limit_counts (bucket, window_start, count)
                VALUES (?, date_trunc('minute', now()), 4)
                ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_limit_counts.count + 4""", "key:write:" + client.getLong("id"));
        counters.sync(); // what the node does every half second: add its posts, read the city-wide count
        post("json", key).statusCode(429).body("[0].description", containsString("5 posts of this minute"));
        List<String> counted = db.column(
                "SELECT count FROM rate_limit_counts WHERE bucket = ? AND window_start = date_trunc('minute', now())",
                "key:write:" + client.getLong("id"));
        assertTrue(Long.parseLong(counted.get(0)) >= 5, "this node's posts are in the shared count: " + counted);
    }

    private static io.restassured.response.ValidatableResponse read(String format, String key) {
        return given().queryParam("api_key", key)
                .when()
                .get(Api.V2 + "/services." + format)
                .then();
    }

    @Test
    void getsThatCarryAKeyCountAgainstTheKeysOwnBudget() throws InterruptedException {
        String key = client("gets_per_minute", 3).getString("key");
        awaitEarlyInAMinute();
        // the first read of a key this node has not seen counts against the address and makes the key known
        read("json", key).statusCode(200);
        for (int i = 0; i < 3; i++) {
            read("json", key).statusCode(200);
        }
        String retryAfter = read("json", key)
                .statusCode(429)
                .body("[0].code", equalTo(429))
                .body("[0].description", containsString("3 reads of this minute"))
                .extract()
                .header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 60, retryAfter);
        read("xml", key)
                .statusCode(429)
                .contentType(containsString("text/xml"))
                .body("errors.error.code", equalTo("429"));
        // the same address without the key, and another key, read on
        given().when().get(Api.V2 + "/services.json").then().statusCode(200);
        read("json", Api.KEY).statusCode(200);
    }

    @Test
    void aKeyThatIsNotLiveLeavesTheReadOnItsAddresssBudget() throws Exception {
        JsonPath client = client("gets_per_minute", 1);
        String key = client.getString("key");
        given().auth()
                .oauth2(Tokens.admin("testcity.example"))
                .when()
                .post("/admin/v1/jurisdictions/testcity.example/api-clients/" + client.getLong("id") + "/revoke")
                .then()
                .statusCode(200);
        awaitEarlyInAMinute();
        for (int i = 0; i < 3; i++) {
            read("json", key).statusCode(200);
            read("json", "made-up-key-" + i).statusCode(200);
        }
        counters.sync();
        assertTrue(
                db.column("SELECT 1 FROM rate_limit_counts WHERE bucket = ?", "key:read:" + client.getLong("id"))
                        .isEmpty(),
                "a revoked key has no read budget of its own");
    }
}
