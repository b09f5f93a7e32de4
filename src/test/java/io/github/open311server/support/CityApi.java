package io.github.open311server.support;

import java.util.List;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** The city's side of the test jurisdiction: its staff and admin APIs, called as staff and admins do. */
public final class CityApi {

    public static final String J = "testcity.example";
    public static final String STAFF = "/staff/v1/jurisdictions/" + J + "/requests/";
    public static final String ADMIN = "/admin/v1/jurisdictions/" + J;

    private CityApi() {}

    public static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin(J)).contentType("application/json");
    }

    public static RequestSpecification staff() {
        return given().auth().oauth2(Tokens.staff(J)).contentType("application/json");
    }

    /** The version of a request, to send back with a change. */
    public static int version(String id) {
        return staff().when().get(STAFF + id).then().statusCode(200).extract().path("version");
    }

    /** The kinds of mail a request caused so far, oldest first. */
    public static List<String> mailKinds(String id) {
        return staff().when()
                .get(STAFF + id + "/mails")
                .then()
                .statusCode(200)
                .extract()
                .path("kind");
    }
}
