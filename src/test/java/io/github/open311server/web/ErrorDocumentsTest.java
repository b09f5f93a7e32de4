package io.github.open311server.web;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Api;

import static io.github.open311server.support.Api.V2;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasXPath;

@QuarkusTest
class ErrorDocumentsTest {

    @Test
    void unknownRouteIs404InTheFormatOfItsSuffix() {
        given().when()
                .get(V2 + "/nothing.json")
                .then()
                .statusCode(404)
                .contentType(Api.JSON)
                .body("[0].code", equalTo(404));
        given().when()
                .get(V2 + "/nothing.xml")
                .then()
                .statusCode(404)
                .contentType(Api.XML)
                .body(hasXPath("/errors/error/code", equalTo("404")));
        given().when().get("/open311/anything").then().statusCode(404).contentType(Api.XML);
    }

    @Test
    void unsupportedSuffixIs404() {
        given().when()
                .get(V2 + "/services.html")
                .then()
                .statusCode(404)
                .contentType(Api.XML)
                .body(hasXPath("/errors/error/description", equalTo("Unsupported format 'html': use .xml or .json")));
        given().when().get(V2 + "/requests/SR-1.csv").then().statusCode(404);
    }

    @Test
    void noSuffixIs404() {
        given().when().get(V2 + "/requests/SR-1").then().statusCode(404);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        given().when()
                .put(V2 + "/requests.json")
                .then()
                .statusCode(405)
                .header("Allow", containsString("POST"))
                .contentType(Api.JSON)
                .body("[0].code", equalTo(405));
        given().when()
                .delete(V2 + "/services.xml")
                .then()
                .statusCode(405)
                .header("Allow", containsString("GET"))
                .body(hasXPath("/errors/error/code", equalTo("405")));
        given().when().post(V2 + "/services.xml").then().statusCode(405);
    }

    @Test
    void neverA406WhateverTheAcceptHeader() {
        given().accept("image/png")
                .when()
                .get(V2 + "/services.json")
                .then()
                .statusCode(200)
                .contentType(Api.JSON);
        given().accept("application/json")
                .when()
                .get(V2 + "/services.xml")
                .then()
                .statusCode(200)
                .contentType(Api.XML);
        given().accept("text/html")
                .when()
                .get(V2 + "/services/NOPE.json")
                .then()
                .statusCode(404)
                .contentType(Api.JSON);
    }

    @Test
    void unsupportedBodyIs415Document() {
        given().contentType("text/plain")
                .body("service_code=POTHOLE")
                .when()
                .post(V2 + "/requests.xml")
                .then()
                .statusCode(415)
                .contentType(Api.XML)
                .body(hasXPath("/errors/error/code", equalTo("415")));
        given().contentType("application/json")
                .body("{\"service_code\":\"POTHOLE\"}")
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(415)
                .body("[0].code", equalTo(415));
    }

    /** The body limit is checked from Content-Length before any byte of the body is read; the answer is a document. */
    @Test
    void oversizedBodyIs413Document() throws Exception {
        try (Socket socket = new Socket("localhost", 8089)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("POST " + V2 + "/requests.json HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 20000000\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Assertions.assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            Assertions.assertTrue(answer.contains("application/json; charset=utf-8"), answer);
            Assertions.assertTrue(
                    answer.endsWith("[{\"code\":413,\"description\":\"The request body is larger than 256 KB\"}]"),
                    answer);
        }
    }

    @Test
    void malformedFormEncodingIs400Document() {
        Api.form()
                .body("api_key=test-key&service_code=POTHOLE&address_string=%ZZ%")
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(400)
                .body(
                        "[0].description",
                        equalTo("The form body has a broken %-escape; encode it as application/x-www-form-urlencoded"));
        Api.form()
                .body("api_key=test-key&service_code=POTHOLE&address_string=%E2%82")
                .when()
                .post(V2 + "/requests.xml")
                .then()
                .statusCode(400)
                .body(hasXPath("/errors/error/description", equalTo("The form body is not valid UTF-8")));
    }

    @Test
    void errorBodiesNeverCarryClassNamesOrStackTraces() {
        String body = given().when()
                .get(V2 + "/requests.json?start_date=%00%01")
                .then()
                .statusCode(400)
                .extract()
                .asString();
        Assertions.assertFalse(body.contains("Exception") || body.contains("at io."), body);
    }
}
