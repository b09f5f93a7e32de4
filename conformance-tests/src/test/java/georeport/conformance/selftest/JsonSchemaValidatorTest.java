package georeport.conformance.selftest;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import georeport.conformance.support.DocKind;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Json;

import static georeport.conformance.selftest.Resources.bytes;
import static georeport.conformance.selftest.Resources.text;
import static georeport.conformance.selftest.Resources.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suite's JSON Schemas (extended from open311/schema-validation), tested without a server. */
class JsonSchemaValidatorTest {

    static List<String> problems(String json, DocKind kind) {
        return Docs.problems(utf8(json), kind, Fmt.JSON);
    }

    static void valid(String json, DocKind kind) {
        List<String> p = problems(json, kind);
        assertTrue(p.isEmpty(), "expected valid, got " + p + " for " + json);
    }

    static void invalid(String json, DocKind kind, String fragment) {
        List<String> p = problems(json, kind);
        assertFalse(p.isEmpty(), "expected the validator to reject " + json);
        assertTrue(String.join(" ", p).contains(fragment), "rejected, but not for '" + fragment + "': " + p);
    }

    // ---------------------------------------------------------------- real-world documents

    @Test
    @DisplayName("real world: Chicago service list (string codes \"001\") is valid")
    void chicagoServices() {
        List<String> p = Docs.problems(bytes("real-world/service_list.json"), DocKind.SERVICES, Fmt.JSON);
        assertTrue(p.isEmpty(), p.toString());
    }

    @Test
    @DisplayName("real world: Chicago request list (ids like 14-01100669, -05:00 offsets) is valid")
    void chicagoRequests() {
        List<String> p = Docs.problems(bytes("real-world/service_requests.json"), DocKind.REQUESTS, Fmt.JSON);
        assertTrue(p.isEmpty(), p.toString());
    }

    @Test
    @DisplayName(
            "real world: Helsinki request (extended_attributes, +02:00) is rejected only because lat/long are JSON strings")
    void helsinkiRequest() throws Exception {
        String one = text("real-world/helsinki_request.json");
        String asList = "[" + one + "]";
        List<String> p = problems(asList, DocKind.REQUESTS);
        assertFalse(p.isEmpty(), "lat/long as strings must be rejected");
        assertTrue(
                p.stream().allMatch(m -> m.contains("/0/lat:") || m.contains("/0/long:")),
                "only lat/long may be reported: " + p);
        ArrayNode tree = (ArrayNode) Json.parse(asList);
        ObjectNode r = (ObjectNode) tree.get(0);
        r.put("lat", Double.parseDouble(r.get("lat").asText()));
        r.put("long", Double.parseDouble(r.get("long").asText()));
        assertTrue(
                Json.validate(tree, DocKind.REQUESTS).isEmpty(),
                "with numeric lat/long Helsinki's record must be valid: " + Json.validate(tree, DocKind.REQUESTS));
    }

    // ---------------------------------------------------------------- examples and tolerated practice

    @Test
    @DisplayName("spec examples: discovery, definition, POST answers, token answer and errors are valid")
    void examples() {
        valid(
                "{\"changeset\":\"2024-03-18T09:30:00Z\",\"contact\":\"c\",\"key_service\":\"k\",\"endpoints\":[{\"specification\":"
                        + "\"http://wiki.open311.org/GeoReport_v2\",\"url\":\"https://x/v2\",\"changeset\":\"2024-03-18T09:30:00Z\","
                        + "\"type\":\"production\",\"formats\":[\"text/xml\",\"application/json\"]}]}",
                DocKind.DISCOVERY);
        valid(DEFINITION, DocKind.SERVICE_DEFINITION);
        valid(
                "[{\"service_request_id\":\"SR-1\",\"service_notice\":\"5 days\",\"account_id\":\"a-1\"}]",
                DocKind.POST_RESPONSE);
        valid("[{\"token\":\"4e1f\",\"service_notice\":\"queued\"}]", DocKind.POST_RESPONSE);
        valid("[{\"service_notice\":\"not tracked\"}]", DocKind.POST_RESPONSE);
        valid("[{}]", DocKind.POST_RESPONSE);
        valid("[{\"token\":\"4e1f\"}]", DocKind.TOKEN_RESPONSE);
        valid("[{\"token\":\"4e1f\",\"service_request_id\":\"SR-9\"}]", DocKind.TOKEN_RESPONSE);
        valid("[{\"code\":403,\"description\":\"api_key is missing\"}]", DocKind.ERRORS);
        valid("[]", DocKind.REQUESTS);
        valid("[]", DocKind.SERVICES);
    }

    static final String DEFINITION = "{\"service_code\":\"GRAF-01\",\"attributes\":["
            + "{\"variable\":false,\"code\":\"NOTICE\",\"datatype\":\"text\",\"required\":false,\"datatype_description\":\"\",\"order\":1,\"description\":\"d\"},"
            + "{\"variable\":true,\"code\":\"SURFACE\",\"datatype\":\"singlevaluelist\",\"required\":true,\"datatype_description\":\"Pick one\","
            + "\"order\":2,\"description\":\"What?\",\"values\":[{\"key\":\"wall\",\"name\":\"Wall\"},{\"key\":\"sign\",\"name\":\"Sign\"}]}]}";

    static final String REQ = "{\"service_request_id\":\"SR-1\",\"status\":\"open\",\"service_code\":\"P\","
            + "\"requested_datetime\":\"2024-05-02T08:14:09-05:00\",\"lat\":39.78,\"long\":-89.65}";

    @Test
    @DisplayName(
            "tolerated: optional fields null, empty string datetimes/media_url, omitted; extended_attributes object; booleans as \"true\"")
    void tolerated() {
        valid(
                "["
                        + REQ.replace(
                                "}",
                                ",\"status_notes\":null,\"updated_datetime\":\"\",\"media_url\":\"\",\"expected_datetime\":null,"
                                        + "\"extended_attributes\":{\"title\":\"t\",\"media_urls\":[\"https://x/a.jpg\"]}}")
                        + "]",
                DocKind.REQUESTS);
        valid(
                "[{\"service_code\":\"A\",\"service_name\":\"A\",\"metadata\":\"true\",\"type\":\"batch\"}]",
                DocKind.SERVICES);
    }

    // ---------------------------------------------------------------- broken documents

    @Test
    @DisplayName("broken: a wrapped list {\"services\":[...]} (FixMyStreet) or {\"service_requests\":...} is rejected")
    void wrappedLists() {
        invalid(
                "{\"services\":[{\"service_code\":\"A\",\"service_name\":\"A\",\"metadata\":false,\"type\":\"realtime\"}]}",
                DocKind.SERVICES,
                "array");
        invalid("{\"service_requests\":[" + REQ + "]}", DocKind.REQUESTS, "array");
    }

    @Test
    @DisplayName(
            "broken: request without service_request_id, numeric id, lat as text, status in_progress, date without zone are rejected")
    void brokenRequests() {
        invalid(
                "[" + REQ.replace("\"service_request_id\":\"SR-1\",", "") + "]",
                DocKind.REQUESTS,
                "service_request_id");
        invalid("[" + REQ.replace("\"SR-1\"", "17") + "]", DocKind.REQUESTS, "service_request_id");
        invalid("[" + REQ.replace("39.78", "\"north\"") + "]", DocKind.REQUESTS, "lat");
        invalid("[" + REQ.replace("\"open\"", "\"in_progress\"") + "]", DocKind.REQUESTS, "status");
        invalid(
                "[" + REQ.replace("2024-05-02T08:14:09-05:00", "2024-05-02 08:14") + "]",
                DocKind.REQUESTS,
                "requested_datetime");
    }

    @Test
    @DisplayName(
            "broken: leading-zero number (spec example \"service_code\":001), duplicate key, trailing garbage are rejected")
    void strictJson() {
        invalid(
                "[{\"service_code\":001,\"service_name\":\"A\",\"metadata\":false,\"type\":\"realtime\"}]",
                DocKind.SERVICES,
                "not valid JSON");
        invalid(
                "[{\"service_code\":\"A\",\"service_code\":\"B\",\"service_name\":\"A\",\"metadata\":false,\"type\":\"realtime\"}]",
                DocKind.SERVICES,
                "not valid JSON");
        invalid("[] []", DocKind.SERVICES, "not valid JSON");
    }

    @Test
    @DisplayName(
            "broken: errors as an object (6A {code,detail}), Mark-a-Spot {\"error\":{..}}, string code, empty list are rejected")
    void brokenErrors() {
        invalid("{\"code\":400,\"detail\":\"bad\"}", DocKind.ERRORS, "array");
        invalid("{\"error\":{\"code\":400,\"description\":\"bad\"}}", DocKind.ERRORS, "array");
        invalid("[{\"code\":\"103 - service_code\",\"description\":\"bad\"}]", DocKind.ERRORS, "code");
        invalid("[{\"description\":\"bad\"}]", DocKind.ERRORS, "code");
        invalid("[]", DocKind.ERRORS, "");
    }

    @Test
    @DisplayName(
            "broken: discovery with endpoints as an object (Gießen, open311_java #15) or formats as a string is rejected")
    void brokenDiscovery() {
        String ep =
                "{\"specification\":\"http://wiki.open311.org/GeoReport_v2\",\"url\":\"https://x/v2\",\"changeset\":\"2024-03-18T09:30:00Z\","
                        + "\"type\":\"production\",\"formats\":[\"text/xml\"]}";
        String ok = "{\"changeset\":\"2024-03-18T09:30:00Z\",\"contact\":\"c\",\"key_service\":\"k\",\"endpoints\":["
                + ep + "]}";
        valid(ok, DocKind.DISCOVERY);
        invalid(ok.replace("[" + ep + "]", ep), DocKind.DISCOVERY, "endpoints");
        invalid(ok.replace("[\"text/xml\"]", "\"text/xml\""), DocKind.DISCOVERY, "formats");
        invalid(
                ok.replace("\"changeset\":\"2024-03-18T09:30:00Z\",\"contact\"", "\"contact\""),
                DocKind.DISCOVERY,
                "changeset");
    }

    @Test
    @DisplayName("broken: definition with list datatype but no values, order 0, datatype 'date' is rejected")
    void brokenDefinition() {
        invalid(DEFINITION.replaceAll(",\"values\":\\[.*?\\]", ""), DocKind.SERVICE_DEFINITION, "values");
        invalid(DEFINITION.replace("\"order\":1", "\"order\":0"), DocKind.SERVICE_DEFINITION, "order");
        invalid(
                DEFINITION.replace("\"datatype\":\"text\"", "\"datatype\":\"date\""),
                DocKind.SERVICE_DEFINITION,
                "datatype");
    }

    @Test
    @DisplayName(
            "broken: POST answer with both id and token, two elements, or a bare object (Helsinki doc) is rejected")
    void brokenPost() {
        invalid("[{\"service_request_id\":\"1\",\"token\":\"t\"}]", DocKind.POST_RESPONSE, "");
        invalid("[{\"service_request_id\":\"1\"},{\"service_request_id\":\"2\"}]", DocKind.POST_RESPONSE, "");
        invalid("{\"service_request_id\":\"1\"}", DocKind.POST_RESPONSE, "array");
        invalid("[{\"service_request_id\":\"1\"}]", DocKind.TOKEN_RESPONSE, "token");
    }

    @Test
    @DisplayName(
            "broken: a non-standard top-level field (FMS 'title', a POST answer's 'duplicate_candidates') is rejected as in XML; "
                    + "inside extended_attributes it is fine")
    void nonStandardFields() {
        invalid(
                "[" + REQ.replace("}", ",\"title\":\"Pothole\"}") + "]",
                DocKind.REQUESTS,
                "non-standard field 'title'");
        invalid(
                "[{\"service_request_id\":\"1\",\"duplicate_candidates\":[]}]",
                DocKind.POST_RESPONSE,
                "duplicate_candidates");
        invalid("[{\"code\":400,\"description\":\"bad\",\"detail\":\"x\"}]", DocKind.ERRORS, "detail");
        valid("[" + REQ.replace("}", ",\"extended_attributes\":{\"title\":\"Pothole\"}}") + "]", DocKind.REQUESTS);
    }

    @Test
    @DisplayName("the JSON tree of valid XML equals the JSON document (format-neutral comparison works)")
    void xmlJsonTreesAgree() throws Exception {
        String xml =
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><service_requests><request><service_request_id>SR-1</service_request_id>"
                        + "<status>open</status><service_code>P</service_code><requested_datetime>2024-05-02T08:14:09-05:00</requested_datetime>"
                        + "<lat>39.780</lat><long>-89.65</long><media_url/></request></service_requests>";
        JsonNode x = Docs.tree(utf8(xml), DocKind.REQUESTS, Fmt.XML);
        JsonNode j = Json.parse(utf8("[" + REQ + "]"));
        assertTrue(
                georeport.conformance.support.Compare.diff(x, j).isEmpty(),
                georeport.conformance.support.Compare.diff(x, j).toString());
        JsonNode j2 = Json.parse(utf8("[" + REQ.replace("\"P\"", "\"Q\"") + "]"));
        assertEquals(1, georeport.conformance.support.Compare.diff(x, j2).size());
    }
}
