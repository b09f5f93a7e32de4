package io.github.open311server.admin;

import java.util.List;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.support.Db;
import io.github.open311server.support.Tokens;

import static io.github.open311server.support.Api.V2;
import static io.github.open311server.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasXPath;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AdminApiTest {

    private static final String ADMIN = "/admin/v1/jurisdictions/testcity.example";

    @Inject
    Db db;

    private static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin("testcity.example")).contentType("application/json");
    }

    @Test
    void apiKeysAreShownOnceRotatableAndRevocable() {
        var created = admin().body("{\"name\": \"Neighbourhood app\", \"scopes\": [\"create_requests\"]}")
                .when()
                .post(ADMIN + "/api-clients")
                .then()
                .statusCode(201)
                .body("key", startsWith("o311_"))
                .body("key_prefix", startsWith("o311_"))
                .extract();
        String key = created.path("key");
        int id = created.path("id");
        assertTrue(db.column("SELECT key_hash FROM api_clients WHERE id = ?", (long) id).stream()
                .noneMatch(h -> h.contains(key)));
        post("json", "api_key", key, "service_code", "POTHOLE", "address_string", "1 Key St")
                .statusCode(200);
        admin().when()
                .get(ADMIN + "/api-clients")
                .then()
                .statusCode(200)
                .body("find { it.id == " + id + " }.key", nullValue())
                .body("find { it.id == " + id + " }.last_used_at", Matchers.notNullValue());

        String rotated = admin().when()
                .post(ADMIN + "/api-clients/" + id + "/rotate")
                .then()
                .statusCode(200)
                .extract()
                .path("key");
        post("json", "api_key", key, "service_code", "POTHOLE", "address_string", "1 Key St")
                .statusCode(403);
        post("json", "api_key", rotated, "service_code", "POTHOLE", "address_string", "1 Key St")
                .statusCode(200);

        admin().when()
                .post(ADMIN + "/api-clients/" + id + "/revoke")
                .then()
                .statusCode(200)
                .body("revoked_at", Matchers.notNullValue());
        post("json", "api_key", rotated, "service_code", "POTHOLE", "address_string", "1 Key St")
                .statusCode(403);
        admin().body("{\"name\": \"x\", \"scopes\": [\"everything\"]}")
                .when()
                .post(ADMIN + "/api-clients")
                .then()
                .statusCode(400);
    }

    @Test
    void servicesAreCreatedWithValidatedDefinitionsAndMoveTheChangeset() throws Exception {
        String before =
                given().when().get("/open311/discovery.json").then().extract().path("changeset");
        Thread.sleep(1100); // changesets have second precision
        admin().body("""
                {"service_name": "Abandoned bicycle", "description": "A bike locked for weeks", "type": "realtime",
                 "group": "Streets", "keywords": "bike,bicycle", "expected_response_hours": 72,
                 "attributes": [
                   {"code": "LOCKED", "datatype": "singlevaluelist", "required": true, "order": 1, "description": "Is it locked?",
                    "values": [{"key": "yes", "name": "Yes"}, {"key": "no", "name": "No"}]},
                   {"code": "WEEKS", "datatype": "number", "order": 2, "description": "For how many weeks?"}]}""")
                .when()
                .put(ADMIN + "/services/BIKE")
                .then()
                .statusCode(200)
                .body("service_code", equalTo("BIKE"))
                .body("expected_response_hours", equalTo(72));
        given().when().get(V2 + "/services.json").then().body("service_code", hasItem("BIKE"));
        given().when()
                .get(V2 + "/services/BIKE.xml")
                .then()
                .statusCode(200)
                .body(hasXPath(
                        "/service_definition/attributes/attribute[code='LOCKED']/values/value[2]/key", equalTo("no")));
        String after =
                given().when().get("/open311/discovery.json").then().extract().path("changeset");
        assertTrue(after.compareTo(before) > 0, before + " -> " + after);

        String id = post(
                        "json",
                        "api_key",
                        "test-key",
                        "service_code",
                        "BIKE",
                        "address_string",
                        "Station",
                        "attribute[LOCKED]",
                        "yes")
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        given().when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .body("[0].expected_datetime", Matchers.notNullValue());

        admin().body("{\"service_name\": \"Abandoned bicycle\", \"active\": false}")
                .when()
                .put(ADMIN + "/services/BIKE")
                .then()
                .statusCode(200)
                .body("attributes.code", equalTo(List.of("LOCKED", "WEEKS"))); // no attributes: kept
        admin().when()
                .get(ADMIN + "/services")
                .then()
                .statusCode(200)
                .body("find { it.service_code == 'BIKE' }.active", equalTo(false));
        given().when().get(V2 + "/services.json").then().body("service_code", not(hasItem("BIKE")));
        given().when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].service_code", equalTo("BIKE"));
        post("json", "api_key", "test-key", "service_code", "BIKE", "address_string", "Station")
                .statusCode(404);
    }

    @Test
    void badDefinitionsAreRefusedWithEveryProblem() {
        admin().body("""
                {"service_name": "Broken", "type": "sometimes",
                 "attributes": [
                   {"code": "A", "datatype": "singlevaluelist", "order": 1, "description": "no values"},
                   {"code": "B", "datatype": "string", "order": 1, "description": "same order"},
                   {"code": "C", "datatype": "colour", "order": 0, "description": "bad"}]}""")
                .when()
                .put(ADMIN + "/services/BROKEN")
                .then()
                .statusCode(400)
                .body("description", hasItem("type must be realtime, batch or blackbox"))
                .body("description", hasItem("attribute A: a singlevaluelist needs at least one value"))
                .body("description", hasItem("attribute B: order 1 is used by another attribute"))
                .body("description", hasItem("attribute C: order must be a positive integer"));
        given().when().get(V2 + "/services/BROKEN.json").then().statusCode(404);
    }

    @Test
    void agencyAreasRouteNewRequests() {
        admin().body("""
                {"area": {"type": "Polygon", "coordinates": [[[-89.20, 39.20], [-89.10, 39.20], [-89.10, 39.30], [-89.20, 39.30], [-89.20, 39.20]]]}}""").when().put(ADMIN + "/agencies/Lakeside Depot").then().statusCode(204);
        String inside = post("json", "api_key", "test-key", "service_code", "POTHOLE", "lat", "39.25", "long", "-89.15")
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        String outside = post(
                        "json", "api_key", "test-key", "service_code", "POTHOLE", "lat", "39.35", "long", "-89.15")
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        given().when()
                .get(V2 + "/requests/" + inside + ".json")
                .then()
                .body("[0].agency_responsible", equalTo("Lakeside Depot"));
        given().when()
                .get(V2 + "/requests/" + outside + ".json")
                .then()
                .body("[0].agency_responsible", equalTo("Streets Department"));
        admin().body("{\"area\": {\"type\": \"Point\", \"coordinates\": [1, 2]}}")
                .when()
                .put(ADMIN + "/agencies/Bad")
                .then()
                .statusCode(400);
        admin().body("""
                {"area": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}}""").when().put(ADMIN + "/agencies/Bowtie").then().statusCode(400);
    }

    @Test
    void onlyAServerAdminCreatesJurisdictions() {
        admin().body("{\"jurisdiction_id\": \"third.example\", \"name\": \"Third\"}")
                .when()
                .post("/admin/v1/jurisdictions")
                .then()
                .statusCode(403);
        try {
            given().auth()
                    .oauth2(Tokens.admin("*"))
                    .contentType("application/json")
                    .body("{\"jurisdiction_id\": \"third.example\", \"name\": \"Third\"}")
                    .when()
                    .post("/admin/v1/jurisdictions")
                    .then()
                    .statusCode(201);
            given().queryParam("jurisdiction_id", "third.example")
                    .when()
                    .get(V2 + "/services.json")
                    .then()
                    .statusCode(200);
            given().when().get(V2 + "/services.json").then().statusCode(400);
        } finally {
            db.update("DELETE FROM jurisdictions WHERE jurisdiction_id = 'third.example'");
            Arc.container().instance(Catalogue.class).get().refresh();
        }
        given().when().get(V2 + "/services.json").then().statusCode(200).body("[0]", hasKey("service_code"));
    }
}
