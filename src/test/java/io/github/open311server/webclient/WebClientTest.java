package io.github.open311server.webclient;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.config.Open311Config;
import io.github.open311server.support.TestIdentityProvider;
import io.github.open311server.support.TestSigningKeys;

import static io.github.open311server.support.CityApi.J;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web client's own HTTP surface: its settings, its page policy, and the demo sign-in's tokens. */
@QuarkusTest
@QuarkusTestResource(TestSigningKeys.class)
@QuarkusTestResource(TestIdentityProvider.class)
class WebClientTest {

    @Test
    void theSettingsTellTheClientWhereItIsAndHowStaffSignIn() {
        given().when()
                .get("/client/config.json")
                .then()
                .statusCode(200)
                .body("jurisdiction_id", equalTo(J))
                .body("api_key", equalTo("test-key"))
                .body("tiles_url", nullValue())
                .body("languages", hasItem("en"))
                .body("map_centre.size()", equalTo(3))
                .body("oidc.client_id", equalTo(TestIdentityProvider.CLIENT_ID))
                .body("oidc.token_endpoint", equalTo(TestIdentityProvider.tokenEndpoint()))
                .body("oidc.scope", equalTo("openid profile"))
                .body("demo_sign_in", equalTo(true));
    }

    @Test
    void everyPageRunsOnlyThisServersScriptsAndTalksOnlyToItAndTheProvider() {
        for (String page : List.of("/client/", "/client/track.html", "/client/map.html", "/client/staff/")) {
            given().when()
                    .get(page)
                    .then()
                    .statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Content-Security-Policy", containsString("style-src 'self';"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header(
                            "Content-Security-Policy",
                            containsString("connect-src 'self' " + origin(TestIdentityProvider.tokenEndpoint())))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("X-Content-Type-Options", equalTo("nosniff"));
        }
        given().redirects()
                .follow(false)
                .when()
                .get("/client")
                .then()
                .statusCode(301)
                .header("Location", endsWith("/client/"));
    }

    @Test
    void theTilePolicyNamesOnlyTheTileServersOrigin() {
        String policy = WebClientRoutes.contentSecurityPolicy(
                new Client(Optional.of("https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png?key=1")), Optional.empty());
        assertTrue(policy.contains("img-src 'self' data: blob: https://*.tiles.example.org:8443;"), policy);
        assertTrue(policy.contains("connect-src 'self';"), policy);
        assertFalse(policy.contains("key=1"), policy);
        // photos redirected to pre-signed URLs of the object store may load from it
        String redirected = WebClientRoutes.contentSecurityPolicy(
                new Client(Optional.empty()), Optional.of("http://127.0.0.1:9000"));
        assertTrue(redirected.contains("img-src 'self' data: blob: http://127.0.0.1:9000;"), redirected);
    }

    @Test
    void theDemoSignInMintsTokensTheStaffApiTakes() {
        String staff = given().contentType("application/json")
                .body("{\"role\": \"staff\"}")
                .when()
                .post("/client/demo-sign-in")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("user", equalTo("demo.staff"))
                .extract()
                .path("access_token");
        given().auth()
                .oauth2(staff)
                .when()
                .get("/staff/v1/jurisdictions/" + J + "/requests/counts")
                .then()
                .statusCode(200);
        // a staff token is not an admin's
        given().auth()
                .oauth2(staff)
                .when()
                .get("/admin/v1/jurisdictions/" + J + "/settings")
                .then()
                .statusCode(403);
        String admin = given().contentType("application/json")
                .body("{\"role\": \"admin\"}")
                .when()
                .post("/client/demo-sign-in")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        given().auth()
                .oauth2(admin)
                .when()
                .get("/admin/v1/jurisdictions/" + J + "/settings")
                .then()
                .statusCode(200);
        for (String body : List.of("{\"role\": \"root\"}", "{}", "{\"role\": [\"admin\"]}", "nonsense")) {
            given().contentType("application/json")
                    .body(body)
                    .when()
                    .post("/client/demo-sign-in")
                    .then()
                    .statusCode(400)
                    .body("[0].code", equalTo(400));
        }
    }

    /** Settings with tiles and no identity provider. */
    private record Client(Optional<String> tilesUrl) implements Open311Config.WebClient {
        public boolean enabled() {
            return true;
        }

        public Optional<String> apiKey() {
            return Optional.empty();
        }

        public String tilesAttribution() {
            return "";
        }

        public List<Double> mapCentre() {
            return List.of(0.0, 0.0, 1.0);
        }

        public boolean demoSignIn() {
            return false;
        }

        public Oidc oidc() {
            return new Oidc() {
                public Optional<String> authorizationEndpoint() {
                    return Optional.empty();
                }

                public Optional<String> tokenEndpoint() {
                    return Optional.empty();
                }

                public Optional<String> clientId() {
                    return Optional.empty();
                }

                public String scope() {
                    return "openid";
                }
            };
        }
    }

    private static String origin(String url) {
        return url.substring(0, url.indexOf('/', "http://".length()));
    }
}
