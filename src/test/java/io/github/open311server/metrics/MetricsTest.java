package io.github.open311server.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus metrics carry the documented names, count answers by route template (never by a raw id) and
 * status class, count POST outcomes, and report the outbound queues; every answer carries a request id and
 * the security headers, error documents included.
 */
@QuarkusTest
class MetricsTest {

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one sample (a line that starts with {@code name{...labels containing every part}}). */
    private static double sample(String metrics, String name, String... parts) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && List.of(parts).stream().allMatch(line::contains)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    @Test
    void answersAreCountedByRouteTemplateAndStatusClass() {
        String id = Api.file("POTHOLE", "address_string", "1 Metrics Way", "description", "metrics");
        String before = metrics();
        double ones = sample(
                before,
                "http_server_requests_seconds_count",
                "route=\"/open311/v2/requests/{id}.{format}\"",
                "status=\"2xx\"");
        given().when().get(Api.V2 + "/requests/" + id + ".json").then().statusCode(200);
        given().when().get(Api.V2 + "/requests/" + id + ".xml").then().statusCode(200);
        given().when().get(Api.V2 + "/requests/SR-NOPE.json").then().statusCode(404);
        String after = metrics();
        assertEquals(
                ones + 2,
                sample(
                        after,
                        "http_server_requests_seconds_count",
                        "route=\"/open311/v2/requests/{id}.{format}\"",
                        "status=\"2xx\""),
                after);
        assertTrue(sample(
                        after,
                        "http_server_requests_seconds_count",
                        "route=\"/open311/v2/requests/{id}.{format}\"",
                        "status=\"4xx\"")
                >= 1);
        assertFalse(after.contains(id), "no raw id in any label");
        assertFalse(after.contains("SR-NOPE"), "no raw id in any label");
        assertTrue(after.contains("http_server_requests_seconds_bucket{"), "latency histogram buckets");
    }

    @Test
    void postOutcomesQueuesPoolAndJvmAreReported() {
        double created = sample(metrics(), "open311_requests_posted_total", "outcome=\"created\"");
        double invalid = sample(metrics(), "open311_requests_posted_total", "outcome=\"invalid\"");
        Api.file("POTHOLE", "address_string", "2 Metrics Way");
        Api.post("json", "api_key", Api.KEY, "service_code", "POTHOLE").statusCode(400);
        String metrics = metrics();
        assertEquals(created + 1, sample(metrics, "open311_requests_posted_total", "outcome=\"created\""));
        assertEquals(invalid + 1, sample(metrics, "open311_requests_posted_total", "outcome=\"invalid\""));
        for (String name : List.of(
                "open311_webhook_deliveries_pending",
                "open311_webhook_delivery_lag_seconds",
                "open311_mail_pending",
                "open311_mail_lag_seconds",
                "open311_timers_due",
                "agroal_active_count",
                "jvm_memory_used_bytes",
                "process_cpu_usage")) {
            Matcher line = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? [0-9.E+-]+$")
                    .matcher(metrics);
            assertTrue(line.find(), name + " is missing");
        }
    }

    @Test
    void theGrafanaDashboardUsesOnlyServedNames() throws Exception {
        given().when().get(Api.V2 + "/services.json").then().statusCode(200);
        String metrics = metrics();
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("docker/grafana-dashboard.json")));
        List<String> used = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher name = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{")
                        .matcher(target.path("expr").asText());
                while (name.find()) {
                    used.add(name.group(1));
                }
            }
        }
        assertTrue(used.size() >= 10, "the dashboard was read: " + used);
        List<String> missing = used.stream()
                .filter(name -> !Pattern.compile("(?m)^" + name + "[{ ]")
                        .matcher(metrics)
                        .find())
                .toList();
        assertEquals(List.of(), missing, "names the dashboard uses that /q/metrics does not serve");
    }

    @Test
    void everyAnswerCarriesARequestIdAndTheSecurityHeaders() {
        given().when()
                .get(Api.V2 + "/services.json")
                .then()
                .statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"));
        given().header("X-Request-Id", "proxy-7f3a.42")
                .when()
                .get(Api.V2 + "/requests/SR-NOPE.xml")
                .then()
                .statusCode(404)
                .header("X-Request-Id", equalTo("proxy-7f3a.42"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        given().header("X-Request-Id", "bad id with spaces; and more")
                .when()
                .get(Api.V2 + "/services.json")
                .then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }
}
