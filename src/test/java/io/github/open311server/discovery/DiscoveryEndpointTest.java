package io.github.open311server.discovery;

import java.time.Instant;
import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasXPath;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class DiscoveryEndpointTest {

    private static final String CHANGESET = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$";

    @ParameterizedTest
    @ValueSource(strings = {"/open311/discovery.xml", "/open311/v2/discovery.xml"})
    void serveDiscoveryInXmlWithEveryField(String path) {
        String body = given().when()
                .get(path)
                .then()
                .statusCode(200)
                .contentType(Api.XML)
                .body(hasXPath("/discovery/changeset", matchesPattern(CHANGESET)))
                .body(hasXPath("/discovery/contact"))
                .body(hasXPath("/discovery/key_service"))
                .body(hasXPath(
                        "/discovery/endpoints/endpoint[1]/specification",
                        equalTo("http://wiki.open311.org/GeoReport_v2")))
                .body(hasXPath("/discovery/endpoints/endpoint[1]/url", startsWith("http")))
                .body(hasXPath("/discovery/endpoints/endpoint[1]/type", equalTo("production")))
                .body(hasXPath("/discovery/endpoints/endpoint[1]/formats/format[1]", equalTo("text/xml")))
                .body(hasXPath("/discovery/endpoints/endpoint[1]/formats/format[2]", equalTo("application/json")))
                .extract()
                .asString();
        Assertions.assertTrue(body.startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
    }

    @Test
    void serveDiscoveryInJsonWithArraysForEndpointsAndFormats() {
        given().when()
                .get("/open311/discovery.json")
                .then()
                .statusCode(200)
                .contentType(Api.JSON)
                .body("changeset", matchesPattern(CHANGESET))
                .body("endpoints", hasSize(3))
                .body("endpoints[2].url", equalTo("http://127.0.0.1:8089/open311/v2/events.json"))
                .body("endpoints[2].formats", equalTo(List.of("application/json")))
                .body("endpoints[1].specification", equalTo("http://wiki.open311.org/GeoReport_v2/Extensions"))
                .body("endpoints[1].formats", not(hasItem("application/geo+json")))
                .body("endpoints[0].url", equalTo("http://127.0.0.1:8089/open311/v2"))
                .body("endpoints[0].formats", hasSize(2))
                .body("key_service", Matchers.notNullValue());
    }

    @Test
    void changesetIsNotInTheFuture() {
        String changeset =
                given().when().get("/open311/discovery.json").then().extract().path("changeset");
        Assertions.assertFalse(Instant.parse(changeset).isAfter(Instant.now()));
    }
}
