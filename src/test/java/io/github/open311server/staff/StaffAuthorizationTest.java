package io.github.open311server.staff;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Api;
import io.github.open311server.support.TestSigningKeys;
import io.github.open311server.support.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** The authorisation matrix of the staff and admin APIs: no token, bad token, wrong role, other jurisdiction. */
@QuarkusTest
@QuarkusTestResource(TestSigningKeys.class) // global: every test of the run shares the one key pair
class StaffAuthorizationTest {

    private static final String STAFF_PATH = "/staff/v1/jurisdictions/testcity.example/requests/";
    private static final String ADMIN_PATH = "/admin/v1/jurisdictions/testcity.example/api-clients";

    @Test
    void noTokenIs401WithAnErrorDocument() {
        String id = Api.postPothole("auth");
        given().when()
                .get(STAFF_PATH + id)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType(Api.JSON)
                .body("[0].code", equalTo(401));
        given().when().get(ADMIN_PATH).then().statusCode(401);
    }

    @Test
    void untrustedExpiredOrForeignIssuerTokensAre401() throws Exception {
        String id = Api.postPothole("auth");
        for (String token : List.of(Tokens.expired(), Tokens.foreign(), Tokens.wrongIssuer(), "not.a.jwt")) {
            given().auth()
                    .oauth2(token)
                    .when()
                    .get(STAFF_PATH + id)
                    .then()
                    .statusCode(401)
                    .body("[0].code", equalTo(401));
        }
    }

    @Test
    void wrongRoleIs403() {
        String id = Api.postPothole("auth");
        String citizen = Tokens.token("bob", Set.of("citizen"), List.of("testcity.example"));
        given().auth()
                .oauth2(citizen)
                .when()
                .get(STAFF_PATH + id)
                .then()
                .statusCode(403)
                .body("[0].code", equalTo(403));
        given().auth()
                .oauth2(Tokens.staff("testcity.example"))
                .when()
                .get(ADMIN_PATH)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.staff("testcity.example"))
                .contentType("application/json")
                .body("{\"name\":\"x\"}")
                .when()
                .post(ADMIN_PATH)
                .then()
                .statusCode(403);
    }

    @Test
    void aTokenForAnotherJurisdictionCanNeitherReadNorChange() {
        String id = Api.postPothole("auth");
        String other = Tokens.staff("other.example");
        given().auth()
                .oauth2(other)
                .when()
                .get(STAFF_PATH + id)
                .then()
                .statusCode(403)
                .body("[0].description", equalTo("This token is not valid for jurisdiction testcity.example"));
        given().auth()
                .oauth2(other)
                .contentType("application/json")
                .body("{\"version\":0,\"detailed_status\":\"resolved\"}")
                .when()
                .patch(STAFF_PATH + id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.admin("other.example"))
                .when()
                .get(ADMIN_PATH)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.staff("testcity.example"))
                .when()
                .get(STAFF_PATH + id)
                .then()
                .statusCode(200);
        // a token cannot probe which other jurisdictions exist: known or not, the answer is the same 403
        given().auth()
                .oauth2(Tokens.staff("testcity.example"))
                .when()
                .get("/staff/v1/jurisdictions/nowhere.example/requests/" + id)
                .then()
                .statusCode(403);
    }

    @Test
    void staffEndpointsAreNotInsideThePublicNamespace() {
        given().when().get("/open311/v2/staff/requests.json").then().statusCode(404);
    }
}
