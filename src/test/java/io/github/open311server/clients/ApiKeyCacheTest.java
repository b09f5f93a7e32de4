package io.github.open311server.clients;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import io.github.open311server.support.Api;
import io.github.open311server.support.Db;
import io.github.open311server.support.Tokens;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keys checked once are answered from this node's copies; a change made elsewhere (another node's admin API, or by
 * hand in SQL, as here) reaches this node through the trigger's NOTIFY, and the key stops working within a second.
 */
@QuarkusTest
class ApiKeyCacheTest {

    @Inject
    Db db;

    /** A POST whose key is checked first: 403 when the key is refused, 404 (unknown service, nothing filed) when not. */
    private static int keyCheck(String key) {
        return Api.post("json", "api_key", key, "service_code", "NO-SUCH-SERVICE", "address_string", "1 Cache St")
                .extract()
                .statusCode();
    }

    @Test
    void aKeyRevokedElsewhereStopsWorkingHereWithinASecond() throws InterruptedException {
        JsonPath client = given().auth()
                .oauth2(Tokens.admin("testcity.example"))
                .contentType("application/json")
                .body(Map.of("name", "cached app " + System.nanoTime()))
                .when()
                .post("/admin/v1/jurisdictions/testcity.example/api-clients")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String key = client.getString("key");
        assertEquals(404, keyCheck(key), "the key works, and this node now keeps its client");
        Api.post("json", "api_key", key, "service_code", "POTHOLE", "address_string", "1 Cache St")
                .statusCode(200);

        db.update("UPDATE api_clients SET revoked_at = now() WHERE id = ?", client.getLong("id"));
        long sent = System.nanoTime();
        int status = keyCheck(key);
        while (status != 403 && System.nanoTime() - sent < 5_000_000_000L) {
            Thread.sleep(20);
            status = keyCheck(key);
        }
        assertEquals(403, status, "the revocation is seen after its notice (5 s at most)");
        System.out.printf("api key cache: revocation seen after %d ms%n", (System.nanoTime() - sent) / 1_000_000);
    }
}
