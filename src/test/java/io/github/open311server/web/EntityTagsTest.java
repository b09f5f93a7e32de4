package io.github.open311server.web;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The catalogue and discovery can be revalidated: an ETag per representation, and 304 for a client that has it. */
@QuarkusTest
class EntityTagsTest {

    private static String tag(String path) {
        return given().when()
                .get(path)
                .then()
                .statusCode(200)
                .header("ETag", matchesPattern("\"[0-9a-f]+\""))
                .header("Cache-Control", equalTo("public, max-age=60"))
                .extract()
                .header("ETag");
    }

    @Test
    void aClientWithTheCurrentTagGets304WithoutABody() {
        for (String path : new String[] {
            "/open311/v2/services.json",
            "/open311/v2/services/GRAF-01.xml",
            "/open311/discovery.json",
            "/open311/v2/discovery.xml"
        }) {
            String tag = tag(path);
            given().header("If-None-Match", tag)
                    .when()
                    .get(path)
                    .then()
                    .statusCode(304)
                    .header("ETag", equalTo(tag))
                    .body(emptyString());
            given().header("If-None-Match", "W/" + tag + ", \"other\"")
                    .when()
                    .get(path)
                    .then()
                    .statusCode(304);
            given().header("If-None-Match", "\"0000\"").when().get(path).then().statusCode(200);
        }
        assertNotEquals(tag("/open311/v2/services.json"), tag("/open311/v2/services.xml"), "one tag per format");
        given().when().get("/open311/v2/requests.json").then().statusCode(200).header("ETag", (String) null);
    }
}
