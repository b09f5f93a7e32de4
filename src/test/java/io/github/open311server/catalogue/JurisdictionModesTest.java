package io.github.open311server.catalogue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Db;

import static io.github.open311server.support.Api.KEY;
import static io.github.open311server.support.Api.V2;
import static io.github.open311server.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasXPath;
import static org.hamcrest.Matchers.not;

/** Both deployments the spec knows: one jurisdiction (id optional) and several (id required). */
@QuarkusTest
class JurisdictionModesTest {

    @Inject
    Db db;

    @Inject
    Catalogue catalogue;

    @Nested
    class SingleJurisdiction {

        @Test
        void idIsOptionalButCheckedWhenGiven() {
            given().when().get(V2 + "/services.json").then().statusCode(200);
            given().queryParam("jurisdiction_id", "testcity.example")
                    .when()
                    .get(V2 + "/services.json")
                    .then()
                    .statusCode(200);
            given().queryParam("jurisdiction_id", "")
                    .when()
                    .get(V2 + "/requests.json")
                    .then()
                    .statusCode(200);
            given().queryParam("jurisdiction_id", "elsewhere.example")
                    .when()
                    .get(V2 + "/services.xml")
                    .then()
                    .statusCode(404)
                    .body(hasXPath(
                            "/errors/error/description", equalTo("jurisdiction_id 'elsewhere.example' not found")));
            post(
                            "json",
                            "api_key",
                            KEY,
                            "jurisdiction_id",
                            "elsewhere.example",
                            "service_code",
                            "POTHOLE",
                            "address_string",
                            "x")
                    .statusCode(404);
            given().queryParam("jurisdiction_id", "elsewhere.example")
                    .when()
                    .get(V2 + "/services/POTHOLE.json")
                    .then()
                    .statusCode(404);
            given().queryParam("jurisdiction_id", "elsewhere.example")
                    .when()
                    .get(V2 + "/requests.json")
                    .then()
                    .statusCode(404);
        }
    }

    @Nested
    class SeveralJurisdictions {

        @Test
        void idIsRequiredAndEachJurisdictionKeepsItsOwnServicesAndRequests() {
            db.update("INSERT INTO jurisdictions (jurisdiction_id, name) VALUES ('second.example', 'Second Town')");
            db.update("""
                    INSERT INTO services (jurisdiction_ref, service_code, service_name, service_type)
                    SELECT id, 'SNOW', 'Snow removal', 'realtime' FROM jurisdictions WHERE jurisdiction_id = 'second.example'""");
            db.update("""
                    INSERT INTO api_clients (jurisdiction_ref, name, key_prefix, key_hash)
                    SELECT id, 'second town app', 'second-k', encode(sha256('second-key'::bytea), 'hex')
                      FROM jurisdictions WHERE jurisdiction_id = 'second.example'""");
            catalogue.refresh();
            try {
                given().when()
                        .get(V2 + "/services.json")
                        .then()
                        .statusCode(400)
                        .body(
                                "[0].description",
                                equalTo("jurisdiction_id is required: this server hosts several jurisdictions"));
                given().queryParam("jurisdiction_id", "")
                        .when()
                        .get(V2 + "/requests.xml")
                        .then()
                        .statusCode(400);
                given().when().get(V2 + "/services/SNOW.json").then().statusCode(400);
                post("json", "api_key", KEY, "service_code", "POTHOLE", "address_string", "x")
                        .statusCode(400);

                given().queryParam("jurisdiction_id", "second.example")
                        .when()
                        .get(V2 + "/services.json")
                        .then()
                        .statusCode(200)
                        .body("$", hasSize(1))
                        .body("[0].service_code", equalTo("SNOW"));
                given().queryParam("jurisdiction_id", "testcity.example")
                        .when()
                        .get(V2 + "/services.json")
                        .then()
                        .statusCode(200)
                        .body("service_code", not(hasItem("SNOW")));
                given().queryParam("jurisdiction_id", "testcity.example")
                        .when()
                        .get(V2 + "/services/SNOW.json")
                        .then()
                        .statusCode(404);

                // a key of one jurisdiction cannot post to another
                post(
                                "json",
                                "api_key",
                                "second-key",
                                "jurisdiction_id",
                                "testcity.example",
                                "service_code",
                                "POTHOLE",
                                "address_string",
                                "x")
                        .statusCode(403);
                String id = post(
                                "json",
                                "api_key",
                                "second-key",
                                "jurisdiction_id",
                                "second.example",
                                "service_code",
                                "SNOW",
                                "address_string",
                                "1 Hill Rd")
                        .statusCode(200)
                        .extract()
                        .path("[0].service_request_id");
                given().queryParam("jurisdiction_id", "second.example")
                        .when()
                        .get(V2 + "/requests.json")
                        .then()
                        .statusCode(200)
                        .body("service_request_id", equalTo(List.of(id)));
                given().queryParam("jurisdiction_id", "testcity.example")
                        .when()
                        .get(V2 + "/requests/" + id + ".json")
                        .then()
                        .statusCode(404);
                given().queryParam("jurisdiction_id", "second.example")
                        .when()
                        .get(V2 + "/requests/" + id + ".json")
                        .then()
                        .statusCode(200);
            } finally {
                db.update(
                        "DELETE FROM service_requests WHERE jurisdiction_ref = (SELECT id FROM jurisdictions WHERE jurisdiction_id = 'second.example')");
                db.update("DELETE FROM api_clients WHERE key_prefix = 'second-k'");
                db.update(
                        "DELETE FROM services WHERE jurisdiction_ref = (SELECT id FROM jurisdictions WHERE jurisdiction_id = 'second.example')");
                db.update("DELETE FROM jurisdictions WHERE jurisdiction_id = 'second.example'");
                catalogue.refresh();
            }
        }
    }
}
