package io.github.open311server.staff;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Api;
import io.github.open311server.support.CityApi;
import io.github.open311server.support.TestSigningKeys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A private service (abuse, code enforcement): its requests are filed and worked like any other, and absent from
 * every public answer, including the duplicate hints of the next citizen who reports the same thing.
 */
@QuarkusTest
@QuarkusTestResource(TestSigningKeys.class)
class PrivateServicesTest {

    private static final String SERVICE = "ABUSE";

    @BeforeEach
    void aPrivateService() {
        CityApi.admin()
                .body("{\"service_name\": \"Abuse of a public space\", \"private\": true}")
                .when()
                .put(CityApi.ADMIN + "/services/" + SERVICE)
                .then()
                .statusCode(200)
                .body("private", equalTo(true));
    }

    @Test
    void itsRequestsAreWorkedButNeverPublished() {
        String id = Api.file(
                SERVICE, "lat", "39.7901", "long", "-89.6402", "description", "Someone sleeps in the bus shelter");
        String token = CityApi.staff()
                .when()
                .get(CityApi.STAFF + id)
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        CityApi.staff()
                .header("If-Match", "\"" + CityApi.version(id) + "\"")
                .body("{\"detailed_status\": \"in_progress\", \"public_note\": \"Outreach team informed\"}")
                .when()
                .patch(CityApi.STAFF + id)
                .then()
                .statusCode(200);

        given().when().get(Api.V2 + "/requests/" + id + ".json").then().statusCode(404);
        given().when().get(Api.V2 + "/tokens/" + token + ".json").then().statusCode(404);
        given().queryParam("service_request_id", id)
                .when()
                .get(Api.V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        given().queryParam("service_code", SERVICE)
                .when()
                .get(Api.V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        given().queryParam("service_code", SERVICE)
                .when()
                .get(Api.V2 + "/requests.geojson")
                .then()
                .statusCode(200)
                .body("features", hasSize(0));
        given().queryParam("start_date", OffsetDateTime.now().minusHours(1).toString())
                .queryParam("end_date", OffsetDateTime.now().plusMinutes(1).toString())
                .when()
                .get(Api.V2 + "/servicerequestupdates.json")
                .then()
                .statusCode(200)
                .body("service_request_id", not(hasItem(id)));
        // statistics and hotspots end at the current minute unless told: a window around now
        String start =
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(0).toString();
        String end = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).withNano(0).toString();
        given().queryParam("service_code", SERVICE)
                .queryParam("group_by", "service_code")
                .queryParam("start_date", start)
                .queryParam("end_date", end)
                .when()
                .get(Api.V2 + "/statistics/requests.json")
                .then()
                .statusCode(200)
                .body("rows", hasSize(0));
        given().queryParam("service_code", SERVICE)
                .queryParam("min_count", "1")
                .queryParam("start_date", start)
                .queryParam("end_date", end)
                .when()
                .get(Api.V2 + "/hotspots/grid.geojson")
                .then()
                .statusCode(200)
                .body("features", hasSize(0));
        given().when()
                .get(Api.V2 + "/exports/requests.csv")
                .then()
                .statusCode(200)
                .body(not(containsString(id)));

        // the city works it as any other
        List<String> queue = CityApi.staff()
                .when()
                .get(CityApi.STAFF.substring(0, CityApi.STAFF.length() - 1) + "?service_code=" + SERVICE)
                .then()
                .statusCode(200)
                .extract()
                .path("requests.service_request_id");
        assertEquals(true, queue.contains(id));
        CityApi.staff()
                .when()
                .get("/staff/v1/jurisdictions/" + CityApi.J + "/statistics/requests.json?service_code=" + SERVICE
                        + "&group_by=service_code&start_date=" + start + "&end_date=" + end)
                .then()
                .statusCode(200)
                .body("rows[0].service_code", equalTo(SERVICE));
    }

    @Test
    void theNextReportOfTheSameThingGetsNoHintOfIt() {
        String first = Api.file(SERVICE, "lat", "39.7911", "long", "-89.6412", "description", "first report");
        Api.post(
                        "json",
                        "api_key",
                        Api.KEY,
                        "service_code",
                        SERVICE,
                        "lat",
                        "39.7911",
                        "long",
                        "-89.6412",
                        "description",
                        "second report",
                        "duplicate_check",
                        "true")
                .statusCode(200)
                .body("[0].service_request_id", not(equalTo(first)))
                .body("[0].service_request_id", notNullValue())
                .body("[0]", not(hasKey("duplicate_candidates")));
    }
}
