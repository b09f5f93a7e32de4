package io.github.open311server.hardening;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;

import io.github.open311server.support.Api;
import io.github.open311server.support.Db;
import io.github.open311server.support.RawHttp;
import io.github.open311server.support.Tokens;

import static io.github.open311server.support.Api.KEY;
import static io.github.open311server.support.Api.V2;
import static io.github.open311server.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasXPath;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact request shapes of the clients outside testing named, and the fixes each needed. */
@QuarkusTest
class RealClientShapesTest {

    @Inject
    Db db;

    /** Mark-a-Spot's client sends sort=desc (and asc): aliases of the requested-datetime orders. */
    @Test
    void markASpotSortDescAndAscAreRequestedDatetimeOrders() {
        Api.postPothole("mark-a-spot order one");
        Api.postPothole("mark-a-spot order two");
        List<String> desc = given().queryParam("sort", "desc")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("requested_datetime");
        List<String> asc = given().queryParam("sort", "asc")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("requested_datetime");
        assertTrue(desc.size() >= 2 && asc.size() >= 2);
        assertTrue(desc.get(0).compareTo(desc.get(desc.size() - 1)) >= 0, "desc is newest first");
        assertTrue(asc.get(0).compareTo(asc.get(asc.size() - 1)) <= 0, "asc is oldest first");
        assertFalse(desc.equals(asc));
    }

    /** Chicago's published Cucumber suite matches "<CODE> required" in the missing-attribute error. */
    @Test
    void chicagoSuiteFindsCodeRequiredInTheMissingAttributeError() {
        post("xml", "api_key", KEY, "service_code", "GRAF-01", "lat", "39.78", "long", "-89.65")
                .statusCode(400)
                .body(hasXPath("/errors/error/description", containsString("SURFACE required")));
    }

    /** GeoReporter Android (httpmime, browser-compatible): ISO-8859-1 text parts without a charset. */
    @Test
    void geoReporterAndroidLatin1PartsAreReadAsWindows1252AndUtf8PartsAsUtf8() {
        String latin = postDescriptionPart("Stra\u00dfe 1".getBytes(StandardCharsets.ISO_8859_1), "text/plain")
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        given().when()
                .get(V2 + "/requests/" + latin + ".json")
                .then()
                .body("[0].description", equalTo("Stra\u00dfe 1"));
        String utf8 = postDescriptionPart("Stra\u00dfe 2".getBytes(StandardCharsets.UTF_8), "text/plain")
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        given().when().get(V2 + "/requests/" + utf8 + ".json").then().body("[0].description", equalTo("Stra\u00dfe 2"));
        // bytes invalid in a declared charset are the client's error, never silently replaced
        postDescriptionPart("Stra\u00dfe 3".getBytes(StandardCharsets.ISO_8859_1), "text/plain; charset=UTF-8")
                .statusCode(400)
                .body("[0].description", containsString("not valid UTF-8"));
    }

    /** A multipart pothole report whose description part is exactly these bytes, with this part Content-Type. */
    private static ValidatableResponse postDescriptionPart(byte[] description, String type) {
        return given().multiPart("api_key", KEY)
                .multiPart("service_code", "POTHOLE")
                .multiPart("lat", "39.78")
                .multiPart("long", "-89.64")
                .multiPart(new MultiPartSpecBuilder(description)
                        .controlName("description")
                        .mimeType(type)
                        .emptyFileName()
                        .build())
                .when()
                .post(V2 + "/requests.json")
                .then();
    }

    /** The SeeClickFix validator tries every format discovery lists: each must answer. */
    @Test
    void everyFormatDiscoveryAdvertisesAnswersForTheServiceList() {
        JsonPath discovery = given().when()
                .get("/open311/discovery.json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> formats = discovery.getList("endpoints.formats.flatten()");
        assertFalse(formats.isEmpty());
        for (String format : formats) {
            String suffix = switch (format) {
                case "text/xml" -> "xml";
                case "application/json" -> "json";
                default -> throw new AssertionError("advertised format with no known suffix: " + format);
            };
            given().when().get(V2 + "/services." + suffix).then().statusCode(200);
        }
    }

    /** bbox containment is exact: 1e-5 degrees outside any edge is out, 1e-6 inside is in. */
    @Test
    void bboxKeepsPointsJustInsideEveryEdgeAndDropsPointsJustOutside() {
        double w = 11.0, s = 48.0, e = 11.01, n = 48.01;
        Map<String, double[]> points = new LinkedHashMap<>();
        points.put("in-west", new double[] {w + 1e-6, 48.005});
        points.put("in-east", new double[] {e - 1e-6, 48.005});
        points.put("in-south", new double[] {11.005, s + 1e-6});
        points.put("in-north", new double[] {11.005, n - 1e-6});
        points.put("out-west", new double[] {w - 1e-5, 48.005});
        points.put("out-east", new double[] {e + 1e-5, 48.005});
        points.put("out-south", new double[] {11.005, s - 1e-5});
        points.put("out-north", new double[] {11.005, n + 1e-5});
        Map<String, String> ids = new LinkedHashMap<>();
        points.forEach((name, p) -> ids.put(
                name,
                post(
                                "json",
                                "api_key",
                                KEY,
                                "service_code",
                                "POTHOLE",
                                "long",
                                String.valueOf(p[0]),
                                "lat",
                                String.valueOf(p[1]),
                                "description",
                                "bbox edge " + name)
                        .statusCode(200)
                        .extract()
                        .path("[0].service_request_id")));
        List<String> found = given().queryParam("bbox", w + "," + s + "," + e + "," + n)
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("service_request_id");
        ids.forEach((name, id) -> assertEquals(name.startsWith("in-"), found.contains(id), name));
    }

    /** Links never follow a Host header a client made up. */
    @Test
    void publishedUrlsIgnoreTheHostHeader() throws Exception {
        RawHttp.Answer answer = RawHttp.send("GET", "/open311/discovery.json", Map.of("Host", "evil.example"), null);
        assertEquals(200, answer.status());
        assertFalse(answer.text().contains("evil.example"), answer.text());
        assertTrue(answer.text().contains("127.0.0.1:" + RawHttp.PORT), answer.text());
        // no proxy is trusted here: what a client claims to have been forwarded through is ignored too
        RawHttp.Answer forwarded = RawHttp.send(
                "GET",
                "/open311/discovery.json",
                Map.of(
                        "X-Forwarded-Host",
                        "evil.example",
                        "X-Forwarded-Proto",
                        "https",
                        "Forwarded",
                        "host=evil.example"),
                null);
        assertFalse(forwarded.text().contains("evil.example"), forwarded.text());
    }

    /** A duplicate_check hint files nothing, so the confirming POST may reuse its Idempotency-Key. */
    @Test
    void aDuplicateHintDoesNotUseUpTheIdempotencyKey() {
        String lat = "39.7701", lon = "-89.6601";
        post("json", "api_key", KEY, "service_code", "POTHOLE", "lat", lat, "long", lon, "description", "first hole")
                .statusCode(200);
        String key = UUID.randomUUID().toString();
        Api.form()
                .header("Idempotency-Key", key)
                .formParam("api_key", KEY)
                .formParam("service_code", "POTHOLE")
                .formParam("lat", lat)
                .formParam("long", lon)
                .formParam("duplicate_check", "true")
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("[0].service_request_id", Matchers.nullValue())
                .body("[0].duplicate_candidates", not(hasSize(0)));
        String id = Api.form()
                .header("Idempotency-Key", key)
                .formParam("api_key", KEY)
                .formParam("service_code", "POTHOLE")
                .formParam("lat", lat)
                .formParam("long", lon)
                .formParam("duplicate_check", "true")
                .formParam("confirm_duplicate", "true")
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        assertNotNull(id);
    }

    /** A blackbox service publishes nothing about its requests: not by id, not in lists, not as duplicates. */
    @Test
    void blackboxRequestsArePublishedNowhere() {
        String description = "blackbox " + UUID.randomUUID();
        post(
                        "json",
                        "api_key",
                        KEY,
                        "service_code",
                        "NOISE",
                        "lat",
                        "39.7811",
                        "long",
                        "-89.6511",
                        "description",
                        description)
                .statusCode(200)
                .body("[0].service_request_id", Matchers.nullValue());
        String id = db.value("SELECT service_request_id FROM service_requests WHERE description = ?", description);
        assertNotNull(id, "the report was filed");
        given().when().get(V2 + "/requests/" + id + ".json").then().statusCode(404);
        given().queryParam("service_request_id", id)
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        given().queryParam("service_code", "NOISE")
                .when()
                .get(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        post(
                        "json",
                        "api_key",
                        KEY,
                        "service_code",
                        "NOISE",
                        "lat",
                        "39.7811",
                        "long",
                        "-89.6511",
                        "duplicate_check",
                        "true",
                        "extensions",
                        "true")
                .statusCode(200)
                .body("[0]", not(Matchers.hasKey("duplicate_candidates")));
    }

    /** Tokens for another audience, with a ten-year lifetime, or issued in the future are refused. */
    @Test
    void staffTokensNeedTheAudienceABoundedLifetimeAndAPastIssueTime() {
        String path = "/staff/v1/jurisdictions/testcity.example/requests/overdue";
        given().auth()
                .oauth2(Tokens.staff("testcity.example"))
                .when()
                .get(path)
                .then()
                .statusCode(200);
        String noAudience = Jwt.issuer("https://idp.test.example")
                .subject("alice")
                .groups(Set.of("staff"))
                .claim("jurisdictions", List.of("testcity.example"))
                .expiresIn(600)
                .sign();
        String tenYears = Jwt.issuer("https://idp.test.example")
                .subject("alice")
                .groups(Set.of("staff"))
                .audience("open311")
                .claim("jurisdictions", List.of("testcity.example"))
                .expiresIn(10L * 365 * 24 * 3600)
                .sign();
        String future = Jwt.issuer("https://idp.test.example")
                .subject("alice")
                .groups(Set.of("staff"))
                .audience("open311")
                .claim("jurisdictions", List.of("testcity.example"))
                .issuedAt(Instant.now().plusSeconds(3600))
                .expiresAt(Instant.now().plusSeconds(4000))
                .sign();
        for (String token : List.of(noAudience, tenYears, future)) {
            given().auth().oauth2(token).when().get(path).then().statusCode(401).body("[0].code", equalTo(401));
        }
    }

    @Test
    void everyAnswerSaysNosniffAndStaffAnswersAreNeverCached() {
        given().when().get(V2 + "/services.json").then().header("X-Content-Type-Options", "nosniff");
        given().auth()
                .oauth2(Tokens.staff("testcity.example"))
                .when()
                .get("/staff/v1/jurisdictions/testcity.example/requests/overdue")
                .then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-store"));
    }

    /** CORS grants real origins, never "null" (sandboxed frames, local files). */
    @Test
    void corsNeverGrantsTheNullOrigin() {
        given().header("Origin", "https://app.example")
                .when()
                .get(V2 + "/services.json")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example");
        given().header("Origin", "null")
                .when()
                .get(V2 + "/services.json")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", Matchers.nullValue());
    }

    /** The documented 1,000 ids per GET fit in the request line. */
    @Test
    void aThousandIdsFitInOneGet() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(String.format("SR-%07d", 9_000_000 + i));
        }
        given().queryParam("service_request_id", String.join(",", ids))
                .when()
                .get(V2 + "/requests.xml")
                .then()
                .statusCode(200)
                .body(hasXPath("count(/service_requests/request)", equalTo("0")));
    }

    @Test
    void datesBeyondPostgresqlsRangeAre400() {
        for (String date : List.of("+300000-01-01", "-999999999-01-01", "0000-01-01")) {
            given().queryParam("start_date", date)
                    .when()
                    .get(V2 + "/requests.json")
                    .then()
                    .statusCode(400)
                    .body("[0].code", equalTo(400));
        }
    }

    @Test
    void aListOfContentTypesOrABrokenBoundaryIsADocumentNotA500() throws Exception {
        byte[] body = "api_key=test-key&service_code=POTHOLE".getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer list = RawHttp.send(
                "POST",
                V2 + "/requests.xml",
                Map.of("Content-Type", "application/x-www-form-urlencoded, text/plain"),
                body);
        assertEquals(415, list.status());
        assertTrue(list.text().contains("<errors><error><code>415</code>"), list.text());
        RawHttp.Answer boundary = RawHttp.send(
                "POST", V2 + "/requests.json", Map.of("Content-Type", "multipart/form-data; boundary=\""), body);
        assertEquals(400, boundary.status());
        assertTrue(boundary.text().startsWith("[{\"code\":400"), boundary.text());
    }

    @Test
    void escapedControlCharactersInPathOrQueryAre400Documents() throws Exception {
        for (String target : List.of(
                V2 + "/requests/SR%00.json",
                V2 + "/requests.json?q=a%01b",
                V2 + "/services.xml?jurisdiction_id=%0d%0aX")) {
            RawHttp.Answer answer = RawHttp.send("GET", target, Map.of(), null);
            assertEquals(400, answer.status(), target);
            assertTrue(answer.text().contains("control character"), answer.text());
        }
    }

    /**
     * A % not followed by two hex digits, or a character a URI cannot hold, made the HTTP layer answer an empty 400
     * before any route: now the door answers with a document in the path's format.
     */
    @Test
    void aTargetThatIsNotAUriIsA400Document() throws Exception {
        for (String target : List.of(
                V2 + "/requests.json?q=%zz",
                V2 + "/requests.json?q=pothole%",
                V2 + "/services.json?x=%4",
                V2 + "/requests.json?q=a|b",
                V2 + "/requests/SR%zz.json")) {
            RawHttp.Answer answer = RawHttp.send("GET", target, Map.of(), null);
            assertEquals(400, answer.status(), target);
            assertTrue(answer.text().startsWith("[{\"code\":400,"), target + ": " + answer.text());
            assertTrue(answer.text().contains("%-escape"), answer.text());
        }
        RawHttp.Answer xml = RawHttp.send("GET", V2 + "/requests.xml?q=%zz", Map.of(), null);
        assertEquals(400, xml.status());
        assertTrue(xml.text().contains("<errors><error><code>400</code>"), xml.text());
        RawHttp.Answer fine = RawHttp.send("GET", V2 + "/requests.json?q=100%25", Map.of(), null);
        assertEquals(200, fine.status(), "a well-formed escape of % itself is no problem: " + fine.text());
    }
}
