package io.github.open311server.requests;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import io.github.open311server.support.Api;
import io.github.open311server.support.Db;

import static io.github.open311server.support.Api.KEY;
import static io.github.open311server.support.Api.V2;
import static io.github.open311server.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasXPath;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class PostRequestEndpointTest {

    private static final String GRAFFITI_OK = "attribute[SURFACE]";

    @Inject
    Db db;

    /** Exactly the form FixMyStreet's client sends (field notes 3.1), then its GET by id list. */
    @Test
    void acceptFixMyStreetsExactPostAndItsIdListQuery() {
        String body = "last_name=Resident&long=-89.650148&media_url=http%3A%2F%2Ffms.example%2Fphoto%2F42.jpeg"
                + "&service_code=POTHOLE&description=Pothole%0D%0A%0D%0ADeep+pothole+by+the+bus+stop%0D%0A%0D%0Ahttp%3A%2F%2Ffms.example%2Freport%2F42%0D%0A"
                + "&attribute%5Bdepth%5D=shallow&api_key=test-key&jurisdiction_id=testcity.example"
                + "&email=resident%40example.org&first_name=Jo&lat=39.781721";
        String first = Api.form()
                .body(body)
                .when()
                .post(V2 + "/requests.xml")
                .then()
                .statusCode(200)
                .contentType(Api.XML)
                .body(hasXPath("count(/service_requests/request)", equalTo("1")))
                .body(hasXPath(
                        "/service_requests/request/service_notice",
                        startsWith("Crews usually respond within 5 working days.")))
                .extract()
                .xmlPath()
                .getString("service_requests.request.service_request_id");
        String second = Api.postPothole("second report");

        given().queryParam("jurisdiction_id", "testcity.example")
                .queryParam("service_request_id", first + "," + second)
                .when()
                .get(V2 + "/requests.xml")
                .then()
                .statusCode(200)
                .body(hasXPath("count(/service_requests/request)", equalTo("2")))
                .body(hasXPath(
                        "/service_requests/request[service_request_id='" + first + "']/description",
                        equalTo("Pothole\n\nDeep pothole by the bus stop\n\nhttp://fms.example/report/42")))
                .body(hasXPath(
                        "/service_requests/request[service_request_id='" + first + "']/media_url",
                        equalTo("http://fms.example/photo/42.jpeg")))
                .body(hasXPath(
                        "/service_requests/request[service_request_id='" + first + "']/lat", equalTo("39.781721")))
                .body(hasXPath(
                        "/service_requests/request[service_request_id='" + first + "']/long", equalTo("-89.650148")));
    }

    @Test
    void getAfterPostReturnsExactlyWhatWasSentAndNoPersonalData() {
        String id = post(
                        "json",
                        "api_key",
                        KEY,
                        "service_code",
                        "POTHOLE",
                        "lat",
                        "39.7817",
                        "long",
                        "-89.6501",
                        "address_string",
                        "200 S Main St, Springfield",
                        "address_id",
                        "AD-883201",
                        "zipcode",
                        "02139",
                        "description",
                        "Töhryjen poisto — près de l'école",
                        "media_url",
                        "https://img.example.org/a1.jpg",
                        "email",
                        "jo@example.org",
                        "phone",
                        "555-0100",
                        "first_name",
                        "Jo",
                        "last_name",
                        "Park",
                        "device_id",
                        "dev-1",
                        "account_id",
                        "acct-9")
                .statusCode(200)
                .body("[0].account_id", equalTo("acct-9"))
                .extract()
                .path("[0].service_request_id");

        given().when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .contentType(Api.JSON)
                .body("$", hasSize(1))
                .body("[0].service_request_id", equalTo(id))
                .body("[0].status", equalTo("open"))
                .body("[0].service_code", equalTo("POTHOLE"))
                .body("[0].service_name", equalTo("Pothole in roadway"))
                .body("[0].description", equalTo("Töhryjen poisto — près de l'école"))
                .body("[0].address", equalTo("200 S Main St, Springfield"))
                .body("[0].address_id", equalTo("AD-883201"))
                .body("[0].zipcode", equalTo("02139"))
                .body("[0].lat", equalTo(39.7817f))
                .body("[0].long", equalTo(-89.6501f))
                .body("[0].media_url", equalTo("https://img.example.org/a1.jpg"))
                .body("[0].agency_responsible", equalTo("Streets Department"))
                .body(
                        "[0].requested_datetime",
                        matchesPattern("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}$"))
                .body("[0]", not(hasKey("email")))
                .body("[0]", not(hasKey("phone")))
                .body("[0]", not(hasKey("first_name")))
                .body("[0]", not(hasKey("last_name")))
                .body("[0]", not(hasKey("device_id")))
                .body("[0]", not(hasKey("account_id")));
        String xml = given().when()
                .get(V2 + "/requests/" + id + ".xml")
                .then()
                .statusCode(200)
                .body(hasXPath("/service_requests/request/description", equalTo("Töhryjen poisto — près de l'école")))
                .extract()
                .asString();
        Assertions.assertFalse(xml.contains("jo@example.org") || xml.contains("555-0100"));
        assertEquals(
                List.of("jo@example.org", "555-0100", "Jo", "Park", "dev-1", "acct-9"),
                db.rows(
                                "SELECT email, phone, first_name, last_name, device_id, account_id FROM request_submitters s "
                                        + "JOIN service_requests r ON r.id = s.request_ref WHERE r.service_request_id = ?",
                                id)
                        .get(0));
    }

    @Test
    void realtimeAnswersWithTheIdOnly() {
        post("json", "api_key", KEY, "service_code", "POTHOLE", "address_string", "1 Main St")
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].service_request_id", startsWith("SR-"))
                .body("[0]", not(hasKey("token")));
    }

    @Test
    void batchAnswersWithATokenThatResolvesAtOnce() {
        String token = post("xml", "api_key", KEY, "service_code", "GRAF-01", "address_id", "AD-1", GRAFFITI_OK, "wall")
                .statusCode(200)
                .body(hasXPath("count(/service_requests/request/service_request_id)", equalTo("0")))
                .extract()
                .xmlPath()
                .getString("service_requests.request.token");
        String id = given().when()
                .get(V2 + "/tokens/" + token + ".json")
                .then()
                .statusCode(200)
                .body("[0].token", equalTo(token))
                .extract()
                .path("[0].service_request_id");
        given().when()
                .get(V2 + "/tokens/" + token + ".xml")
                .then()
                .statusCode(200)
                .body(hasXPath("/service_requests/request/service_request_id", equalTo(id)))
                .body(hasXPath("/service_requests/request/token", equalTo(token)));
        given().when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].service_code", equalTo("GRAF-01"));
        given().when()
                .get(V2 + "/requests/" + token + ".json")
                .then()
                .statusCode(200)
                .body("[0].service_request_id", equalTo(id));
    }

    @Test
    void blackboxAnswersWithNeitherIdNorToken() {
        post("json", "api_key", KEY, "service_code", "NOISE", "lat", "39.78", "long", "-89.65")
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].service_notice", equalTo("Thank you. Noise reports are not tracked individually."))
                .body("[0]", not(hasKey("service_request_id")))
                .body("[0]", not(hasKey("token")));
    }

    @Test
    void missingOrUnknownOrRevokedKeyIs403() {
        post("xml", "service_code", "POTHOLE", "address_string", "x")
                .statusCode(403)
                .body(hasXPath("/errors/error/code", equalTo("403")));
        post("json", "api_key", "nope", "service_code", "POTHOLE", "address_string", "x")
                .statusCode(403)
                .body("[0].code", equalTo(403));
        post("json", "api_key", "revoked-key", "service_code", "POTHOLE", "address_string", "x")
                .statusCode(403);
    }

    @Test
    void apiKeyAndJurisdictionAreAcceptedInTheQueryString() {
        Api.form()
                .queryParam("api_key", KEY)
                .queryParam("jurisdiction_id", "testcity.example")
                .formParam("service_code", "POTHOLE")
                .formParam("address_string", "5 Elm St")
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("[0].service_request_id", startsWith("SR-"));
    }

    @Test
    void missingServiceCodeIs400AndUnknownIs404() {
        post("json", "api_key", KEY, "address_string", "x")
                .statusCode(400)
                .body("[0].description", equalTo("service_code is required"));
        post("json", "api_key", KEY, "service_code", "NOPE", "address_string", "x")
                .statusCode(404)
                .body("[0].code", equalTo(404));
        post("json", "api_key", KEY, "service_code", "RETIRED", "address_string", "x")
                .statusCode(404);
    }

    @Test
    void locationRules() {
        post("json", "api_key", KEY, "service_code", "POTHOLE")
                .statusCode(400)
                .body("[0].description", equalTo("A location is required: lat and long, address_string or address_id"));
        post("json", "api_key", KEY, "service_code", "POTHOLE", "lat", "39.7")
                .statusCode(400)
                .body("description", hasItem("lat and long must both be provided"));
        post("json", "api_key", KEY, "service_code", "POTHOLE", "lat", "91", "long", "0")
                .statusCode(400);
        post("json", "api_key", KEY, "service_code", "POTHOLE", "lat", "10", "long", "-180.5")
                .statusCode(400);
        post("json", "api_key", KEY, "service_code", "POTHOLE", "lat", "abc", "long", "1")
                .statusCode(400);
        post("json", "api_key", KEY, "service_code", "POTHOLE", "lat", "NaN", "long", "1")
                .statusCode(400);
        post("json", "api_key", KEY, "service_code", "POTHOLE", "address_string", "1 Main St")
                .statusCode(200);
        post("json", "api_key", KEY, "service_code", "POTHOLE", "address_id", "#NOTPINPOINTED#")
                .statusCode(200);
    }

    @Test
    void everyProblemIsItsOwnError() {
        post("xml", "api_key", KEY, "service_code", "GRAF-01", "lat", "95", "attribute[AREA_M2]", "big")
                .statusCode(400)
                .body(hasXPath("count(/errors/error)", equalTo("4")))
                .body(hasXPath(
                        "/errors/error[description='attribute[SURFACE] is required (SURFACE required)']/code",
                        equalTo("400")));
    }

    @Test
    void attributeDatatypesAreValidated() {
        String[] base = {"api_key", KEY, "service_code", "GRAF-01", "address_string", "x"};
        post("json", with(base, GRAFFITI_OK, "roof"))
                .statusCode(400)
                .body("[0].description", startsWith("attribute[SURFACE] must be one of [wall, sign, other]"));
        post("json", with(base, GRAFFITI_OK, "wall", "attribute[AREA_M2]", "abc"))
                .statusCode(400);
        post("json", with(base, GRAFFITI_OK, "wall", "attribute[AREA_M2]", "4.5"))
                .statusCode(200);
        post("json", with(base, GRAFFITI_OK, "wall", "attribute[SEEN_AT]", "yesterday"))
                .statusCode(400);
        post("json", with(base, GRAFFITI_OK, "wall", "attribute[SEEN_AT]", "2024-05-01T10:00:00-05:00"))
                .statusCode(200);
        post("json", with(base, GRAFFITI_OK, "wall", "attribute[SEEN_AT]", "2024-05-01"))
                .statusCode(200);
        post(
                        "json",
                        with(
                                base,
                                GRAFFITI_OK,
                                "wall",
                                "attribute[WORDING]",
                                "BANKSY",
                                "attribute[DETAILS]",
                                "line 1\r\nline 2"))
                .statusCode(200);
        post("json", with(base, GRAFFITI_OK, "wall", "attribute[COLOURS]", "gold"))
                .statusCode(400);
        post("json", with(base, GRAFFITI_OK, "wall", "attribute[SURFACE]", "sign"))
                .statusCode(400)
                .body("[0].description", equalTo("attribute[SURFACE] takes a single value"));
    }

    @Test
    void emptyOptionalAttributesAndUnknownFieldsAreIgnored() {
        post(
                        "json",
                        "api_key",
                        KEY,
                        "service_code",
                        "GRAF-01",
                        "address_string",
                        "x",
                        GRAFFITI_OK,
                        "wall",
                        "attribute[COLOURS]",
                        "",
                        "attribute[AREA_M2]",
                        "",
                        "attribute[UNKNOWN]",
                        "z",
                        "service_name",
                        "ignored",
                        "title",
                        "ignored",
                        "deviceid",
                        "fms-channel")
                .statusCode(200);
    }

    @Test
    void allThreeMultivalueEncodingsStoreTheSameValues() {
        String[] base = {"api_key", KEY, "service_code", "GRAF-01", "address_string", "x", GRAFFITI_OK, "wall"};
        String spec =
                tokenToId(post("json", with(base, "attribute[COLOURS][]", "red", "attribute[COLOURS][]", "black")));
        String repeated =
                tokenToId(post("json", with(base, "attribute[COLOURS]", "red", "attribute[COLOURS]", "black")));
        String comma = tokenToId(post("json", with(base, "attribute[COLOURS]", "red,black")));
        for (String id : List.of(spec, repeated, comma)) {
            assertEquals(
                    List.of("red", "black"),
                    db.column(
                            "SELECT a.value FROM request_attributes a JOIN service_requests r "
                                    + "ON r.id = a.request_ref WHERE r.service_request_id = ? AND a.attribute_code = 'COLOURS' ORDER BY a.position",
                            id));
        }
        // percent-encoded brackets, as the spec says clients must send them
        String encoded = "api_key=test-key&service_code=GRAF-01&address_string=x&attribute%5BSURFACE%5D=sign"
                + "&attribute%5BCOLOURS%5D%5B%5D=silver&attribute%5BCOLOURS%5D%5B%5D=red";
        String id = tokenToId(Api.form()
                .body(encoded)
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(200));
        assertEquals(
                List.of("silver", "red"),
                db.column(
                        "SELECT a.value FROM request_attributes a JOIN service_requests r "
                                + "ON r.id = a.request_ref WHERE r.service_request_id = ? AND a.attribute_code = 'COLOURS' ORDER BY a.position",
                        id));
        assertEquals(
                "sign",
                db.value(
                        "SELECT a.value FROM request_attributes a JOIN service_requests r ON r.id = a.request_ref "
                                + "WHERE r.service_request_id = ? AND a.attribute_code = 'SURFACE'",
                        id));
    }

    @Test
    void descriptionIsLimitedTo4000CharactersAfterLineEndingsAreNormalised() {
        post("json", "api_key", KEY, "service_code", "POTHOLE", "address_string", "x", "description", "a".repeat(4001))
                .statusCode(400)
                .body("[0].description", startsWith("description is longer than 4000"));
        String crlf = "a\r\n".repeat(2000); // 6000 characters sent, 3999 once CRLF is LF and the end trimmed
        String id = post("json", "api_key", KEY, "service_code", "POTHOLE", "address_string", "x", "description", crlf)
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        given().when().get(V2 + "/requests/" + id + ".json").then().body("[0].description.length()", equalTo(3999));
    }

    @Test
    void clientsCannotSetServerFields() {
        String id = post(
                        "json",
                        "api_key",
                        KEY,
                        "service_code",
                        "POTHOLE",
                        "address_string",
                        "x",
                        "status",
                        "closed",
                        "service_request_id",
                        "MINE-1",
                        "requested_datetime",
                        "2001-01-01T00:00:00Z",
                        "agency_responsible",
                        "Me")
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        given().when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .body("[0].status", equalTo("open"))
                .body("[0].service_request_id", startsWith("SR-"))
                .body("[0].agency_responsible", equalTo("Streets Department"))
                .body("[0].requested_datetime", not(startsWith("2001")));
    }

    @Test
    void requestsInsideAnAgencyAreaAreRoutedToIt() {
        String id = post("json", "api_key", KEY, "service_code", "POTHOLE", "lat", "39.80", "long", "-89.65")
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        given().when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .body("[0].agency_responsible", equalTo("Old Town District Office"))
                .body("[0].expected_datetime", Matchers.notNullValue());
    }

    @Test
    void multipartPostWithAPhotoStoresItAndPublishesItsUrl() throws Exception {
        ByteArrayOutputStream image = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", image);
        byte[] png = image.toByteArray(); // no metadata chunk: stored as sent
        String id = given().multiPart("api_key", KEY)
                .multiPart("service_code", "POTHOLE")
                .multiPart("lat", "39.78")
                .multiPart("long", "-89.64")
                .multiPart("attribute[x]", "y")
                .multiPart("media", "hole.png", png, "image/png")
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        String url = given().when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].media_url", startsWith("http://127.0.0.1:8089/open311/v2/media/"))
                .extract()
                .path("[0].media_url");
        byte[] served = given().when()
                .get(url)
                .then()
                .statusCode(200)
                .contentType("image/png")
                .extract()
                .asByteArray();
        Assertions.assertArrayEquals(png, served);
    }

    @Test
    void multipartRejectsFilesThatAreNotImages() {
        given().multiPart("api_key", KEY)
                .multiPart("service_code", "POTHOLE")
                .multiPart("address_string", "x")
                .multiPart("media", "run.sh", "#!/bin/sh".getBytes(), "text/x-shellscript")
                .when()
                .post(V2 + "/requests.xml")
                .then()
                .statusCode(400)
                .body(hasXPath("/errors/error/description", startsWith("media file 'run.sh' must be an image")));
    }

    @Test
    void multipartRejectsFilesDisguisedAsImages() {
        given().multiPart("api_key", KEY)
                .multiPart("service_code", "POTHOLE")
                .multiPart("address_string", "x")
                .multiPart("media", "cat.jpg", "#!/bin/sh\nrm -rf /".getBytes(), "image/jpeg")
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(400)
                .body("[0].description", equalTo("media file 'cat.jpg' is not a JPEG, PNG, GIF or WebP image"));
    }

    @Test
    void mediaUrlMustBeHttp() {
        post(
                        "json",
                        "api_key",
                        KEY,
                        "service_code",
                        "POTHOLE",
                        "address_string",
                        "x",
                        "media_url",
                        "file:///etc/passwd")
                .statusCode(400);
    }

    private String tokenToId(ValidatableResponse posted) {
        String token = posted.statusCode(200).extract().path("[0].token");
        return given().when()
                .get(V2 + "/tokens/" + token + ".json")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
    }

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
