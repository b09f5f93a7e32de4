package io.github.open311server.staff;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import io.github.open311server.support.Api;
import io.github.open311server.support.CityApi;
import io.github.open311server.support.TestSigningKeys;
import io.github.open311server.support.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every channel lands in one queue: call takers file for callers, public POSTs take their client's channel. */
@QuarkusTest
@QuarkusTestResource(TestSigningKeys.class)
class CallerIntakeTest {

    private static final String REQUESTS = "/staff/v1/jurisdictions/" + CityApi.J + "/requests";

    private static RequestSpecification callTaker() {
        return Api.form().auth().oauth2(Tokens.staff(CityApi.J));
    }

    @Test
    void aCallTakerFilesAPhoneReportWithTheCallersContact() {
        String phone = "555 01" + (System.nanoTime() % 100000);
        String id = callTaker()
                .formParam("service_code", "POTHOLE")
                .formParam("lat", "39.7817")
                .formParam("long", "-89.6501")
                .formParam("description", "Caller says the hole is a foot deep")
                .formParam("channel", "phone")
                .formParam("phone", phone)
                .formParam("first_name", "Rosa")
                .formParam("email", "rosa@example.org")
                .when()
                .post(REQUESTS)
                .then()
                .statusCode(201)
                .header("Location", containsString("/requests/SR-"))
                .body("channel", equalTo("phone"))
                .body("status", equalTo("open"))
                .body("service_code", equalTo("POTHOLE"))
                .body("submitter.phone", equalTo(phone))
                .body("submitter.first_name", equalTo("Rosa"))
                .body("history[0].actor", equalTo("staff:alice"))
                .extract()
                .path("service_request_id");
        // "what else did this caller report?"
        List<String> found = CityApi.staff()
                .when()
                .get(REQUESTS + "?submitter_phone=" + phone.replace(" ", "-") + "&channel=phone")
                .then()
                .statusCode(200)
                .extract()
                .path("requests.service_request_id");
        assertEquals(List.of(id), found);
        // and it is an ordinary public request
        given().when()
                .get(Api.V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].description", equalTo("Caller says the hole is a foot deep"));
    }

    @Test
    void aCallTakersReportIsCheckedLikeAPublicPost() {
        callTaker()
                .formParam("service_code", "POTHOLE")
                .formParam("lat", "39.78")
                .formParam("long", "-89.65")
                .when()
                .post(REQUESTS)
                .then()
                .statusCode(400)
                .contentType(Api.JSON)
                .body("[0].description", containsString("channel is required"));
        callTaker()
                .formParam("service_code", "POTHOLE")
                .formParam("channel", "fax")
                .when()
                .post(REQUESTS)
                .then()
                .statusCode(400)
                .body("[0].description", containsString("got 'fax'"));
        callTaker()
                .formParam("service_code", "GRAF-01")
                .formParam("channel", "walk_in")
                .formParam("lat", "39.78")
                .formParam("long", "-89.65")
                .when()
                .post(REQUESTS)
                .then()
                .statusCode(400)
                .body("[0].code", equalTo(400));
        callTaker()
                .formParam("service_code", "NOPE")
                .formParam("channel", "phone")
                .when()
                .post(REQUESTS)
                .then()
                .statusCode(404);
        Api.form()
                .formParam("service_code", "POTHOLE")
                .formParam("channel", "phone")
                .when()
                .post(REQUESTS)
                .then()
                .statusCode(401);
    }

    @Test
    void publicPostsTakeTheirClientsDefaultChannel() {
        String id = Api.postPothole("channel of the test client");
        CityApi.staff().when().get(REQUESTS + "/" + id).then().statusCode(200).body("channel", equalTo("app"));

        Map<String, Object> kiosk = CityApi.admin()
                .body("{\"name\":\"Counter kiosk\",\"default_channel\":\"walk_in\"}")
                .when()
                .post(CityApi.ADMIN + "/api-clients")
                .then()
                .statusCode(201)
                .body("default_channel", equalTo("walk_in"))
                .extract()
                .as(Map.class);
        String kioskId = Api.form()
                .formParam("api_key", (String) kiosk.get("key"))
                .formParam("service_code", "POTHOLE")
                .formParam("lat", "39.781")
                .formParam("long", "-89.651")
                .formParam("description", "filed at the counter kiosk")
                .when()
                .post(Api.V2 + "/requests.json")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        CityApi.staff()
                .when()
                .get(REQUESTS + "/" + kioskId)
                .then()
                .statusCode(200)
                .body("channel", equalTo("walk_in"));
        CityApi.admin()
                .body("{\"name\":\"Fax\",\"default_channel\":\"fax\"}")
                .when()
                .post(CityApi.ADMIN + "/api-clients")
                .then()
                .statusCode(400)
                .body("[0].description", endsWith("app"));
    }
}
