package io.github.open311server.hardening;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.github.open311server.support.Api;
import io.github.open311server.support.RawHttp;

import static io.github.open311server.support.Api.V2;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasXPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The denial-of-service cases of outside testing, at a scale that runs in CI: tight limits in a
 * profile of this test's own, so a handful of connections reach each of them.
 */
@QuarkusTest
@TestProfile(GuardLimitsTest.TightLimits.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuardLimitsTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "open311.guard.bodies-per-address",
                    "4",
                    "open311.guard.body-timeout",
                    "2s",
                    "open311.guard.max-form-fields",
                    "50",
                    "open311.guard.max-form-body",
                    "32K",
                    "open311.guard.failed-keys-per-minute",
                    "5",
                    "open311.guard.upload-bytes-per-key-per-hour",
                    "3K");
        }
    }

    @Test
    void aFormWithTooManyFieldsIsRefusedBeforeItIsDecoded() {
        StringBuilder body = new StringBuilder("api_key=test-key&service_code=POTHOLE");
        for (int i = 0; i < 60; i++) {
            body.append("&f").append(i).append("=x");
        }
        Api.form()
                .body(body.toString())
                .when()
                .post(V2 + "/requests.xml")
                .then()
                .statusCode(413)
                .contentType(Api.XML)
                .body(hasXPath("/errors/error/description", containsString("more than 50 fields")));
    }

    @Test
    void aFormBodyOverItsLimitIsRefusedFromItsLengthAlone() {
        Api.form()
                .body("description=" + "x".repeat(40_000))
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(413)
                .contentType(Api.JSON)
                .body("[0].code", equalTo(413));
    }

    @Test
    void aSlowBodyIsAnswered408AndOthersAreServedMeanwhile() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) { // three times the per-address cap
                Socket socket = new Socket("127.0.0.1", RawHttp.PORT);
                OutputStream out = socket.getOutputStream();
                out.write(
                        ("POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                        + "Content-Length: 1000\r\n\r\napi_key=")
                                .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                slow.add(socket);
            }
            // while they trickle, another client is served at once
            given().when().get(V2 + "/services.json").then().statusCode(200);
            int refusedAtOnce = 0;
            int timedOut = 0;
            for (Socket socket : slow) {
                socket.setSoTimeout(15_000); // bounded wait for the event: the guard answers within body-timeout
                RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
                if (answer.status() == 429) {
                    refusedAtOnce++;
                    assertTrue(answer.header("Retry-After") != null, "429 without Retry-After");
                } else {
                    assertEquals(408, answer.status(), answer.text());
                    timedOut++;
                }
                assertTrue(answer.text().startsWith("[{\"code\":" + answer.status()), answer.text());
            }
            assertEquals(4, timedOut, "the cap lets exactly bodies-per-address bodies in");
            assertEquals(8, refusedAtOnce);
            given().when().get(V2 + "/services.json").then().statusCode(200);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aSlowButSteadyBodyIsNotCutOff() throws Exception {
        // 24 KB at about 8 KB/s: longer than the 2 s grace, far above the 2 KB/s minimum rate (a phone on a weak
        // network)
        byte[] body = ("api_key=test-key&service_code=POTHOLE&lat=39.78&long=-89.65&description=" + "y".repeat(24_000))
                .getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = new Socket("127.0.0.1", RawHttp.PORT)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /open311/v2/requests.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            long started = System.nanoTime();
            for (int at = 0; at < body.length; at += 1024) {
                out.write(body, at, Math.min(1024, body.length - at));
                out.flush();
                Thread.sleep(125);
            }
            assertTrue(System.nanoTime() - started > 2_000_000_000L, "the body took longer than the grace period");
            RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
            assertTrue(answer.status() != 408 && answer.status() < 500, answer.status() + " " + answer.text());
        }
    }

    /** Last: once this address has used its budget of failed key checks, every key check waits the minute out. */
    @Test
    @Order(Integer.MAX_VALUE)
    void guessingKeysIsStoppedAfterTheMinutesBudget() {
        for (int i = 0; i < 5; i++) {
            Api.post("json", "api_key", "guess-" + i, "service_code", "POTHOLE", "lat", "39.78", "long", "-89.65")
                    .statusCode(403);
        }
        Api.post("json", "api_key", "guess-6", "service_code", "POTHOLE", "lat", "39.78", "long", "-89.65")
                .statusCode(429)
                .header("Retry-After", Matchers.matchesPattern("[1-9][0-9]*"))
                .body("[0].description", containsString("failed api_key checks"));
    }

    @Test
    void aKeysHourlyPhotoVolumeIsCapped() {
        byte[] photo = new byte[2048];
        given().multiPart("api_key", Api.KEY)
                .multiPart("service_code", "POTHOLE")
                .multiPart("lat", "39.78")
                .multiPart("long", "-89.64")
                .multiPart("media", "a.png", photo, "image/png")
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(400); // not an image, but charged
        given().multiPart("api_key", Api.KEY)
                .multiPart("service_code", "POTHOLE")
                .multiPart("lat", "39.78")
                .multiPart("long", "-89.64")
                .multiPart("media", "b.png", photo, "image/png")
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(429)
                .body("[0].description", containsString("hourly photo volume"));
    }
}
