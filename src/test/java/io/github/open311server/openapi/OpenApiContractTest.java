package io.github.open311server.openapi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import io.github.open311server.support.Api;
import io.github.open311server.support.Tokens;

import static io.github.open311server.support.Api.KEY;
import static io.github.open311server.support.Api.V2;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps openapi/open311.yaml honest: real answers of the running server, success and failure, are
 * validated against the schema the document declares for that operation and status (JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1). An undocumented status or a body that drifted fails here.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final String BASE = "https://contract.test/open311.json";
    private static JsonNode document;
    private static JsonSchemaFactory factory;

    @BeforeAll
    static void loadTheAuthoredDocument() throws Exception {
        document = new YAMLMapper().readTree(Files.readString(Path.of("openapi/open311.yaml")));
        String json = new ObjectMapper().writeValueAsString(document);
        factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, json))));
    }

    /** A call: the documented path template and method, and how to make it for real. */
    record Call(String template, String method, String description, Supplier<Response> request) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + template + " (" + description + ")";
        }
    }

    static Stream<Arguments> calls() {
        String staffToken = Tokens.staff("testcity.example");
        String adminToken = Tokens.admin("testcity.example");
        return Stream.of(
                call("/client/config.json", "get", "web client settings", () -> given().get("/client/config.json")),
                call(
                        "/client/demo-sign-in",
                        "post",
                        "demo staff",
                        () -> given().contentType("application/json")
                                .body("{\"role\": \"staff\"}")
                                .post("/client/demo-sign-in")),
                call(
                        "/client/demo-sign-in",
                        "post",
                        "unknown role",
                        () -> given().contentType("application/json")
                                .body("{\"role\": \"mayor\"}")
                                .post("/client/demo-sign-in")),
                call("/open311/discovery.{format}", "get", "discovery", () -> given().get("/open311/discovery.json")),
                call(
                        "/open311/v2/discovery.{format}",
                        "get",
                        "discovery v2",
                        () -> given().get(V2 + "/discovery.json")),
                call("/open311/v2/services.{format}", "get", "list", () -> given().get(V2 + "/services.json")),
                call(
                        "/open311/v2/services.{format}",
                        "get",
                        "not modified",
                        () -> given().header("If-None-Match", "*").get(V2 + "/services.json")),
                call(
                        "/open311/v2/services.{format}",
                        "get",
                        "unknown jurisdiction",
                        () -> given().queryParam("jurisdiction_id", "nowhere.example")
                                .get(V2 + "/services.json")),
                call(
                        "/open311/v2/services/{service_code}.{format}",
                        "get",
                        "definition",
                        () -> given().get(V2 + "/services/GRAF-01.json")),
                call(
                        "/open311/v2/services/{service_code}.{format}",
                        "get",
                        "empty definition",
                        () -> given().get(V2 + "/services/POTHOLE.json")),
                call(
                        "/open311/v2/services/{service_code}.{format}",
                        "get",
                        "unknown",
                        () -> given().get(V2 + "/services/NOPE.json")),
                call(
                        "/open311/v2/requests.{format}",
                        "post",
                        "realtime",
                        () -> Api.form()
                                .formParam("api_key", KEY)
                                .formParam("service_code", "POTHOLE")
                                .formParam("address_string", "1 Contract St")
                                .post(V2 + "/requests.json")),
                call(
                        "/open311/v2/requests.{format}",
                        "post",
                        "batch",
                        () -> Api.form()
                                .formParam("api_key", KEY)
                                .formParam("service_code", "GRAF-01")
                                .formParam("address_string", "x")
                                .formParam("attribute[SURFACE]", "wall")
                                .post(V2 + "/requests.json")),
                call(
                        "/open311/v2/requests.{format}",
                        "post",
                        "blackbox",
                        () -> Api.form()
                                .formParam("api_key", KEY)
                                .formParam("service_code", "NOISE")
                                .formParam("address_string", "x")
                                .post(V2 + "/requests.json")),
                call(
                        "/open311/v2/requests.{format}",
                        "post",
                        "invalid",
                        () -> Api.form()
                                .formParam("api_key", KEY)
                                .formParam("service_code", "GRAF-01")
                                .post(V2 + "/requests.json")),
                call(
                        "/open311/v2/requests.{format}",
                        "post",
                        "no key",
                        () -> Api.form().formParam("service_code", "POTHOLE").post(V2 + "/requests.json")),
                call(
                        "/open311/v2/requests.{format}",
                        "post",
                        "unknown service",
                        () -> Api.form()
                                .formParam("api_key", KEY)
                                .formParam("service_code", "NOPE")
                                .formParam("address_string", "x")
                                .post(V2 + "/requests.json")),
                call(
                        "/open311/v2/requests.{format}",
                        "post",
                        "not a form",
                        () -> given().contentType("text/plain").body("x").post(V2 + "/requests.json")),
                call("/open311/v2/requests.{format}", "get", "default list", () -> given().get(V2 + "/requests.json")),
                call(
                        "/open311/v2/requests.{format}",
                        "get",
                        "extensions",
                        () -> given().queryParam("extensions", "true")
                                .queryParam("page_size", "5")
                                .get(V2 + "/requests.json")),
                call(
                        "/open311/v2/requests.{format}",
                        "get",
                        "bad date",
                        () -> given().queryParam("start_date", "soon").get(V2 + "/requests.json")),
                call(
                        "/open311/v2/requests/{service_request_id}.{format}",
                        "get",
                        "one",
                        () -> given().get(V2 + "/requests/" + Api.postPothole("contract") + ".json")),
                call(
                        "/open311/v2/requests/{service_request_id}.{format}",
                        "get",
                        "unknown",
                        () -> given().get(V2 + "/requests/SR-NOPE.json")),
                call(
                        "/open311/v2/tokens/{token}.{format}",
                        "get",
                        "unknown token",
                        () -> given().get(V2 + "/tokens/00000000-0000-0000-0000-000000000000.json")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests/{id}",
                        "get",
                        "staff view",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .get("/staff/v1/jurisdictions/testcity.example/requests/" + Api.postPothole("c"))),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests/{id}",
                        "get",
                        "no token",
                        () -> given().get("/staff/v1/jurisdictions/testcity.example/requests/SR-1")),
                call(
                        "/admin/v1/jurisdictions/{jurisdiction_id}/api-clients",
                        "get",
                        "clients",
                        () -> given().auth()
                                .oauth2(adminToken)
                                .get("/admin/v1/jurisdictions/testcity.example/api-clients")),
                call(
                        "/admin/v1/jurisdictions/{jurisdiction_id}/settings",
                        "get",
                        "settings",
                        () -> given().auth()
                                .oauth2(adminToken)
                                .get("/admin/v1/jurisdictions/testcity.example/settings")),
                call(
                        "/admin/v1/jurisdictions/{jurisdiction_id}/settings",
                        "put",
                        "unknown field",
                        () -> given().auth()
                                .oauth2(adminToken)
                                .contentType("application/json")
                                .body("{\"publish_everything\": true}")
                                .put("/admin/v1/jurisdictions/testcity.example/settings")),
                call(
                        "/admin/v1/jurisdictions/{jurisdiction_id}/escalation-chains/{priority}",
                        "put",
                        "chain (removed again, so no later test escalates)",
                        () -> {
                            Response saved = given().auth()
                                    .oauth2(adminToken)
                                    .contentType("application/json")
                                    .body(Map.of(
                                            "acknowledge_within_minutes",
                                            30,
                                            "supervisor_addresses",
                                            List.of("chief@testcity.example")))
                                    .put("/admin/v1/jurisdictions/testcity.example/escalation-chains/high");
                            given().auth()
                                    .oauth2(adminToken)
                                    .delete("/admin/v1/jurisdictions/testcity.example/escalation-chains/high")
                                    .then()
                                    .statusCode(204);
                            return saved;
                        }),
                call(
                        "/admin/v1/jurisdictions/{jurisdiction_id}/escalation-chains/{priority}",
                        "put",
                        "no supervisor",
                        () -> given().auth()
                                .oauth2(adminToken)
                                .contentType("application/json")
                                .body(Map.of("acknowledge_within_minutes", 30))
                                .put("/admin/v1/jurisdictions/testcity.example/escalation-chains/high")),
                call(
                        "/admin/v1/jurisdictions/{jurisdiction_id}/services/{code}/translations/{locale}",
                        "put",
                        "translation (removed again)",
                        () -> {
                            Response saved = given().auth()
                                    .oauth2(adminToken)
                                    .contentType("application/json")
                                    .body(Map.of(
                                            "service_name",
                                            "Grafiti",
                                            "attributes",
                                            Map.of("SURFACE", Map.of("values", Map.of("wall", "Muro")))))
                                    .put("/admin/v1/jurisdictions/testcity.example/services/GRAF-01/translations/es");
                            given().auth()
                                    .oauth2(adminToken)
                                    .delete("/admin/v1/jurisdictions/testcity.example/services/GRAF-01/translations/es")
                                    .then()
                                    .statusCode(204);
                            return saved;
                        }),
                call(
                        "/admin/v1/jurisdictions/{jurisdiction_id}/services/{code}/translations",
                        "get",
                        "translations",
                        () -> given().auth()
                                .oauth2(adminToken)
                                .get("/admin/v1/jurisdictions/testcity.example/services/GRAF-01/translations")),
                call(
                        "/admin/v1/jurisdictions/{jurisdiction_id}/escalation-chains",
                        "get",
                        "chains",
                        () -> given().auth()
                                .oauth2(adminToken)
                                .get("/admin/v1/jurisdictions/testcity.example/escalation-chains")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests/{id}/messages",
                        "post",
                        "message",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .contentType("application/json")
                                .body(Map.of("message", "We will be there on Monday.", "public", true))
                                .post("/staff/v1/jurisdictions/testcity.example/requests/"
                                        + Api.postPothole("message contract") + "/messages")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests/{id}/messages",
                        "post",
                        "no visibility",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .contentType("application/json")
                                .body(Map.of("message", "Hello"))
                                .post("/staff/v1/jurisdictions/testcity.example/requests/SR-1/messages")),
                call(
                        "/admin/v1/jurisdictions/{jurisdiction_id}/webhooks",
                        "get",
                        "subscriptions",
                        () -> given().auth()
                                .oauth2(adminToken)
                                .get("/admin/v1/jurisdictions/testcity.example/webhooks")),
                call(
                        "/open311/v2/events.json",
                        "get",
                        "staff feed",
                        () -> given().queryParam("api_key", eventsKey(adminToken, "read_personal_data"))
                                .queryParam("staff_view", "true")
                                .queryParam("limit", "500")
                                .get(V2 + "/events.json")),
                call(
                        "/open311/v2/events.json",
                        "get",
                        "staff feed without the scope",
                        () -> given().queryParam("api_key", eventsKey(adminToken))
                                .queryParam("staff_view", "true")
                                .get(V2 + "/events.json")),
                call(
                        "/open311/v2/statistics/{statistic}.{stats_format}",
                        "get",
                        "requests per month and service",
                        () -> given().queryParam("start_date", "2001-01-01")
                                .queryParam("end_date", "2001-03-01")
                                .queryParam("interval", "month")
                                .queryParam("group_by", "service_code")
                                .get(V2 + "/statistics/requests.json")),
                call(
                        "/open311/v2/statistics/{statistic}.{stats_format}",
                        "get",
                        "performance",
                        () -> given().get(V2 + "/statistics/performance.json")),
                call(
                        "/open311/v2/statistics/{statistic}.{stats_format}",
                        "get",
                        "backlog",
                        () -> given().get(V2 + "/statistics/backlog.json")),
                call(
                        "/open311/v2/statistics/{statistic}.{stats_format}",
                        "get",
                        "trends",
                        () -> given().get(V2 + "/statistics/trends.json")),
                call(
                        "/open311/v2/statistics/{statistic}.{stats_format}",
                        "get",
                        "unknown statistic",
                        () -> given().get(V2 + "/statistics/popularity.json")),
                call(
                        "/open311/v2/statistics/{statistic}.{stats_format}",
                        "get",
                        "bad group_by",
                        () -> given().queryParam("group_by", "colour").get(V2 + "/statistics/requests.json")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/statistics/{statistic}.{stats_format}",
                        "get",
                        "staff performance",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .get("/staff/v1/jurisdictions/testcity.example/statistics/performance.json")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/statistics/{statistic}.{stats_format}",
                        "get",
                        "no token",
                        () -> given().get("/staff/v1/jurisdictions/testcity.example/statistics/performance.json")),
                call(
                        "/open311/v2/hotspots/{hotspots}.{hotspot_format}",
                        "get",
                        "grid",
                        () -> given().get(V2 + "/hotspots/grid.geojson")),
                call(
                        "/open311/v2/hotspots/{hotspots}.{hotspot_format}",
                        "get",
                        "clusters",
                        () -> given().get(V2 + "/hotspots/clusters.geojson")),
                call(
                        "/open311/v2/hotspots/{hotspots}.{hotspot_format}",
                        "get",
                        "bad cell",
                        () -> given().queryParam("cell", "triangle").get(V2 + "/hotspots/grid.geojson")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests/area-changes",
                        "post",
                        "dry run",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .contentType("application/json")
                                .body("{\"area\": {\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [0.001, 0],"
                                        + " [0.001, 0.001], [0, 0.001], [0, 0]]]},"
                                        + " \"change\": {\"public_note\": \"x\"}, \"dry_run\": true}")
                                .post("/staff/v1/jurisdictions/testcity.example/requests/area-changes")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests/area-changes",
                        "post",
                        "not a polygon",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .contentType("application/json")
                                .body(Map.of(
                                        "area",
                                        Map.of("type", "Point", "coordinates", List.of(0, 0)),
                                        "change",
                                        Map.of("public_note", "x")))
                                .post("/staff/v1/jurisdictions/testcity.example/requests/area-changes")),
                call("/staff/v1/jurisdictions/{jurisdiction_id}/requests", "get", "work queue page", () -> {
                    Api.postPothole("queue contract");
                    return given().auth()
                            .oauth2(staffToken)
                            .get("/staff/v1/jurisdictions/testcity.example/requests?page_size=1");
                }),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests",
                        "get",
                        "work queue by distance",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .get("/staff/v1/jurisdictions/testcity.example/requests?lat=39.7817&long=-89.6501"
                                        + "&sort=distance&page_size=3")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests",
                        "get",
                        "unknown parameter",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .get("/staff/v1/jurisdictions/testcity.example/requests?agency=Streets")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests/counts",
                        "get",
                        "badges",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .get("/staff/v1/jurisdictions/testcity.example/requests/counts?status=open,closed")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests",
                        "post",
                        "filed for a caller",
                        () -> Api.form()
                                .auth()
                                .oauth2(staffToken)
                                .formParam("service_code", "POTHOLE")
                                .formParam("channel", "phone")
                                .formParam("phone", "555 0100")
                                .formParam("lat", "39.7817")
                                .formParam("long", "-89.6501")
                                .post("/staff/v1/jurisdictions/testcity.example/requests")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/contacts",
                        "post",
                        "not informational",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .contentType("application/json")
                                .body("{\"service_code\": \"POTHOLE\", \"channel\": \"phone\"}")
                                .post("/staff/v1/jurisdictions/testcity.example/contacts")),
                call(
                        "/open311/v2/statistics/{statistic}.{stats_format}",
                        "get",
                        "contacts",
                        () -> given().get(V2 + "/statistics/contacts.json?group_by=service_code")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests/{id}/moderation",
                        "put",
                        "redacted",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .contentType("application/json")
                                .header("If-Match", "\"0\"")
                                .body("{\"description\": \"[removed]\", \"reason\": \"a phone number\"}")
                                .put("/staff/v1/jurisdictions/testcity.example/requests/"
                                        + Api.postPothole("call 555 0100") + "/moderation")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests/{id}/moderation",
                        "put",
                        "nothing to change",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .contentType("application/json")
                                .header("If-Match", "\"0\"")
                                .body("{\"hidden\": false}")
                                .put("/staff/v1/jurisdictions/testcity.example/requests/"
                                        + Api.postPothole("fine as it is") + "/moderation")),
                call("/admin/v1/jurisdictions/{jurisdiction_id}/erasures", "post", "receipt", () -> {
                    Api.file("POTHOLE", "address_string", "1 Erasure St", "email", "erase.me@example.org");
                    return given().auth()
                            .oauth2(adminToken)
                            .contentType("application/json")
                            .body("{\"email\": \"erase.me@example.org\"}")
                            .post("/admin/v1/jurisdictions/testcity.example/erasures");
                }),
                call(
                        "/admin/v1/jurisdictions/{jurisdiction_id}/erasures",
                        "get",
                        "receipts",
                        () -> given().auth()
                                .oauth2(adminToken)
                                .get("/admin/v1/jurisdictions/testcity.example/erasures")),
                call("/admin/v1/jurisdictions/{jurisdiction_id}/personal-data-reads", "get", "reads", () -> {
                    String id = Api.file("POTHOLE", "address_string", "1 Audit St", "email", "read@example.org");
                    given().auth().oauth2(staffToken).get("/staff/v1/jurisdictions/testcity.example/requests/" + id);
                    return given().auth()
                            .oauth2(adminToken)
                            .get("/admin/v1/jurisdictions/testcity.example/personal-data-reads?limit=5");
                }),
                call(
                        "/admin/v1/jurisdictions/{jurisdiction_id}/personal-data-reads",
                        "get",
                        "bad limit",
                        () -> given().auth()
                                .oauth2(adminToken)
                                .get("/admin/v1/jurisdictions/testcity.example/personal-data-reads?limit=0")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests/bulk-actions",
                        "post",
                        "preview",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .contentType("application/json")
                                .body("{\"selection\": {\"filter\": \"service_code=POTHOLE\"},"
                                        + " \"action\": {\"type\": \"priority\", \"priority\": \"high\"}}")
                                .post("/staff/v1/jurisdictions/testcity.example/requests/bulk-actions")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests/bulk-actions",
                        "post",
                        "stale confirmation",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .contentType("application/json")
                                .body("{\"selection\": {\"ids\": [\"" + Api.postPothole("bulk contract") + "\"]},"
                                        + " \"action\": {\"type\": \"assign\", \"assignee\": \"Crew 1\"},"
                                        + " \"confirmation\": \"OTk5OTk5OTk5OS5hYmM\"}")
                                .post("/staff/v1/jurisdictions/testcity.example/requests/bulk-actions")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests/bulk-actions",
                        "post",
                        "unknown action",
                        () -> given().auth()
                                .oauth2(staffToken)
                                .contentType("application/json")
                                .body("{\"selection\": {\"ids\": [\"SR-1\"]}, \"action\": {\"type\": \"delete\"}}")
                                .post("/staff/v1/jurisdictions/testcity.example/requests/bulk-actions")),
                call(
                        "/staff/v1/jurisdictions/{jurisdiction_id}/requests",
                        "post",
                        "no channel",
                        () -> Api.form()
                                .auth()
                                .oauth2(staffToken)
                                .formParam("service_code", "POTHOLE")
                                .post("/staff/v1/jurisdictions/testcity.example/requests")));
    }

    /** A new key that reads events (a request is filed first, so the feed is not empty). */
    private static String eventsKey(String adminToken, String... moreScopes) {
        Api.postPothole("feed contract");
        List<String> scopes = new ArrayList<>(List.of("read_events"));
        scopes.addAll(List.of(moreScopes));
        return given().auth()
                .oauth2(adminToken)
                .contentType("application/json")
                .body(Map.of("name", "Contract feed", "scopes", scopes))
                .post("/admin/v1/jurisdictions/testcity.example/api-clients")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }

    private static Arguments call(String template, String method, String description, Supplier<Response> request) {
        return Arguments.of(new Call(template, method, description, request));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void everyAnswerMatchesTheDocumentedSchema(Call call) throws Exception {
        Response response = call.request().get();
        int status = response.statusCode();
        JsonNode operation = document.path("paths").path(call.template()).path(call.method());
        assertFalse(operation.isMissingNode(), "not documented: " + call);
        String responsePointer = "/paths/" + escape(call.template()) + "/" + call.method() + "/responses/" + status;
        JsonNode documented = document.at(responsePointer);
        assertFalse(
                documented.isMissingNode(),
                "status " + status + " is not documented for " + call + ": " + response.asString());
        if (documented.has("$ref")) {
            responsePointer = documented.get("$ref").asText().substring(1);
            documented = document.at(responsePointer);
        }
        String contentType = response.contentType().split(";")[0].trim();
        if (contentType.isEmpty()) {
            assertTrue(documented.path("content").isMissingNode(), "documented a body, got none: " + call);
            return;
        }
        assertTrue(documented.path("content").has(contentType), contentType + " is not documented for " + call);
        JsonSchema schema = factory.getSchema(
                SchemaLocation.of(BASE + "#" + responsePointer + "/content/" + escape(contentType) + "/schema"));
        Set<ValidationMessage> problems = schema.validate(new ObjectMapper().readTree(response.asString()));
        assertTrue(
                problems.isEmpty(),
                call + " answered " + status + " off-contract: "
                        + problems.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; ")) + "\n"
                        + response.asString());
    }

    @Test
    void theServerPublishesTheAuthoredDocument() {
        given().accept("application/json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("info.title", equalTo(document.path("info").path("title").asText()))
                .body("openapi", equalTo("3.1.0"));
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    /** Byte for byte the authored file: no added security scheme, no fixed host, quotes kept (lint covers the file). */
    @Test
    void theServedDocumentIsTheAuthoredFileByteForByte() throws Exception {
        byte[] authored = Files.readAllBytes(Path.of("openapi/open311.yaml"));
        byte[] served = given().when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .contentType(Matchers.startsWith("application/yaml"))
                .extract()
                .asByteArray();
        Assertions.assertArrayEquals(authored, served);
        given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("servers[0].url", equalTo("/"));
    }

    @Test
    void everyPublicOperationOffersBothFormats() {
        List<String> missing = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().endsWith(".{format}")) {
                return;
            }
            path.getValue().fields().forEachRemaining(op -> {
                JsonNode ok = op.getValue().path("responses").path("200");
                if (ok.has("$ref")) {
                    ok = document.at(ok.get("$ref").asText().substring(1));
                }
                if (!ok.path("content").has("text/xml") || !ok.path("content").has("application/json")) {
                    missing.add(op.getKey() + " " + path.getKey());
                }
            });
        });
        assertTrue(missing.isEmpty(), "without both formats: " + missing);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
