package io.github.open311server.staff;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import io.github.open311server.support.CityApi;
import io.github.open311server.support.TestSigningKeys;
import io.github.open311server.support.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The authorisation matrix of the work queue, intake, moderation and privacy endpoints: no token (401), a citizen
 * (403), staff of another jurisdiction (403), staff on an admin endpoint (403). Each refusal comes before the
 * body is read, so the same empty body serves every call.
 */
@QuarkusTest
@QuarkusTestResource(TestSigningKeys.class)
class NewEndpointsAuthorizationTest {

    private static final String J = "/staff/v1/jurisdictions/" + CityApi.J;
    private static final String A = "/admin/v1/jurisdictions/" + CityApi.J;

    /** Method, path, whether staff may call it (else admins only). */
    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", J + "/requests", true),
                Arguments.of("GET", J + "/requests/counts", true),
                Arguments.of("POST", J + "/requests/bulk-actions", true),
                Arguments.of("PUT", J + "/requests/SR-0000001/moderation", true),
                Arguments.of("GET", J + "/media/00000000-0000-0000-0000-000000000000", true),
                Arguments.of("POST", J + "/contacts", true),
                Arguments.of("POST", A + "/erasures", false),
                Arguments.of("GET", A + "/erasures", false),
                Arguments.of("GET", A + "/personal-data-reads", false));
    }

    private static RequestSpecification as(String token) {
        RequestSpecification spec = given().contentType("application/json");
        return token == null ? spec : spec.auth().oauth2(token);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void onlyTheRightRoleOfTheJurisdictionGetsIn(String method, String path, boolean staffMay) {
        body(as(null), method).request(method, path).then().statusCode(401).body("[0].code", equalTo(401));
        body(as(Tokens.token("bob", Set.of("citizen"), List.of(CityApi.J))), method)
                .request(method, path)
                .then()
                .statusCode(403)
                .body("[0].code", equalTo(403));
        body(as(Tokens.staff("elsewhere.example")), method)
                .request(method, path)
                .then()
                .statusCode(403);
        body(as(Tokens.admin("elsewhere.example")), method)
                .request(method, path)
                .then()
                .statusCode(403);
        if (!staffMay) {
            body(as(Tokens.staff(CityApi.J)), method)
                    .request(method, path)
                    .then()
                    .statusCode(403);
        }
    }

    /** A JSON body for the calls that take one (refusals come first, so an empty object serves). */
    private static RequestSpecification body(RequestSpecification spec, String method) {
        return method.equals("GET") ? spec : spec.body("{}");
    }
}
