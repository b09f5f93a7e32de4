package georeport.conformance.selftest;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import georeport.conformance.support.DocKind;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fmt;

import static georeport.conformance.selftest.Resources.utf8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schemas of the extension documents (docs section 6), tested without a server: servicerequestupdates (6.6) lists
 * and POST answers in XML and JSON, and requests.geojson (6.9).
 */
class ExtensionSchemaTest {

    static final String DECL = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

    static void valid(String doc, DocKind kind, Fmt fmt) {
        List<String> p = Docs.problems(utf8(doc), kind, fmt);
        assertTrue(p.isEmpty(), "expected valid, got " + p + " for " + doc);
    }

    static void invalid(String doc, DocKind kind, Fmt fmt, String fragment) {
        List<String> p = Docs.problems(utf8(doc), kind, fmt);
        assertFalse(p.isEmpty(), "expected the validator to reject " + doc);
        assertTrue(String.join(" ", p).contains(fragment), "rejected, but not for '" + fragment + "': " + p);
    }

    // ---------------------------------------------------------------- 6.6 servicerequestupdates

    /** The example of docs 6.6. */
    static final String UPDATES_XML =
            DECL + "<service_request_updates>\n  <request_update>\n    <update_id>UPD-99017</update_id>\n"
                    + "    <service_request_id>SR-2024-000790</service_request_id>\n    <status>fixed</status>\n"
                    + "    <updated_datetime>2024-05-04T15:40:00Z</updated_datetime>\n    <description>Repaired with cold patch.</description>\n"
                    + "    <media_url></media_url>\n  </request_update>\n</service_request_updates>";

    static final String UPDATE_JSON =
            "{\"update_id\":\"UPD-99017\",\"service_request_id\":\"SR-2024-000790\",\"status\":\"fixed\","
                    + "\"updated_datetime\":\"2024-05-04T15:40:00Z\",\"description\":\"Repaired with cold patch.\",\"media_url\":\"\"}";

    @Test
    @DisplayName(
            "6.6 updates list: the docs' example is valid in XML and JSON; empty lists, an empty description and extras are fine")
    void updatesValid() {
        valid(UPDATES_XML, DocKind.UPDATES, Fmt.XML);
        valid(DECL + "<service_request_updates/>", DocKind.UPDATES, Fmt.XML);
        valid(
                UPDATES_XML
                        .replace("<description>Repaired with cold patch.</description>", "<description/>")
                        .replace(
                                "<media_url></media_url>",
                                "<external_status_code>ES-1</external_status_code><extras><x>1</x></extras>"),
                DocKind.UPDATES,
                Fmt.XML);
        valid("[" + UPDATE_JSON + "]", DocKind.UPDATES, Fmt.JSON);
        valid("[]", DocKind.UPDATES, Fmt.JSON);
        valid("[" + UPDATE_JSON.replace("\"Repaired with cold patch.\"", "\"\"") + "]", DocKind.UPDATES, Fmt.JSON);
    }

    @Test
    @DisplayName(
            "6.6 updates list: missing update_id, upper-case status, datetime without zone, unknown field, wrapped list, "
                    + "an update_id twice are rejected")
    void updatesBroken() {
        invalid(UPDATES_XML.replace("<update_id>UPD-99017</update_id>", ""), DocKind.UPDATES, Fmt.XML, "update_id");
        invalid(
                UPDATES_XML.replace("<status>fixed</status>", "<status>FIXED</status>"),
                DocKind.UPDATES,
                Fmt.XML,
                "FIXED");
        invalid(
                UPDATES_XML.replace("2024-05-04T15:40:00Z", "2024-05-04 15:40"),
                DocKind.UPDATES,
                Fmt.XML,
                "2024-05-04 15:40");
        invalid(UPDATES_XML.replace("<media_url></media_url>", "<title>x</title>"), DocKind.UPDATES, Fmt.XML, "title");
        invalid(
                UPDATES_XML.replace("<description>Repaired with cold patch.</description>", ""),
                DocKind.UPDATES,
                Fmt.XML,
                "description");
        invalid(DECL + "<updates/>", DocKind.UPDATES, Fmt.XML, "updates");
        invalid(
                "[" + UPDATE_JSON.replace("\"update_id\":\"UPD-99017\",", "") + "]",
                DocKind.UPDATES,
                Fmt.JSON,
                "update_id");
        invalid("[" + UPDATE_JSON.replace("\"fixed\"", "\"FIXED\"") + "]", DocKind.UPDATES, Fmt.JSON, "status");
        invalid(
                "[" + UPDATE_JSON.replace("2024-05-04T15:40:00Z", "2024-05-04T15:40:00") + "]",
                DocKind.UPDATES,
                Fmt.JSON,
                "updated_datetime");
        invalid(
                "[" + UPDATE_JSON.replace("\"Repaired with cold patch.\"", "null") + "]",
                DocKind.UPDATES,
                Fmt.JSON,
                "description");
        invalid(
                "[" + UPDATE_JSON.replace("}", ",\"title\":\"x\"}") + "]",
                DocKind.UPDATES,
                Fmt.JSON,
                "non-standard field 'title'");
        invalid("{\"service_request_updates\":[" + UPDATE_JSON + "]}", DocKind.UPDATES, Fmt.JSON, "array");
        invalid("[" + UPDATE_JSON + "," + UPDATE_JSON + "]", DocKind.UPDATES, Fmt.JSON, "listed twice");
    }

    @Test
    @DisplayName(
            "6.6 POST answer: <request_update><update_id> (XML) and [{\"update_id\":…}] (JSON) are valid; without update_id, "
                    + "empty, or with two updates rejected")
    void updatePostAnswer() {
        String xml = DECL
                + "<service_request_updates><request_update><update_id>741</update_id></request_update></service_request_updates>";
        valid(xml, DocKind.UPDATE_POST_RESPONSE, Fmt.XML);
        valid("[{\"update_id\":\"741\"}]", DocKind.UPDATE_POST_RESPONSE, Fmt.JSON);
        valid("[" + UPDATE_JSON + "]", DocKind.UPDATE_POST_RESPONSE, Fmt.JSON);
        invalid(
                xml.replace("<update_id>741</update_id>", "<token>741</token>"),
                DocKind.UPDATE_POST_RESPONSE,
                Fmt.XML,
                "token");
        invalid(xml.replace("741", ""), DocKind.UPDATE_POST_RESPONSE, Fmt.XML, "update_id");
        invalid(DECL + "<service_request_updates/>", DocKind.UPDATE_POST_RESPONSE, Fmt.XML, "request_update");
        invalid(
                xml.replace(
                        "</service_request_updates>",
                        "<request_update><update_id>742</update_id></request_update></service_request_updates>"),
                DocKind.UPDATE_POST_RESPONSE,
                Fmt.XML,
                "exactly one");
        invalid("[{\"update_id\":741}]", DocKind.UPDATE_POST_RESPONSE, Fmt.JSON, "update_id");
        invalid("[]", DocKind.UPDATE_POST_RESPONSE, Fmt.JSON, "");
        invalid("{\"update_id\":\"741\"}", DocKind.UPDATE_POST_RESPONSE, Fmt.JSON, "array");
    }

    // ---------------------------------------------------------------- 6.9 requests.geojson

    static final String FEATURE =
            "{\"type\":\"Feature\",\"id\":\"SR-1\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[-89.650148,39.781721]},"
                    + "\"properties\":{\"service_request_id\":\"SR-1\",\"status\":\"open\",\"service_code\":\"P\"}}";
    static final String FC = "{\"type\":\"FeatureCollection\",\"features\":[" + FEATURE + "]}";

    @Test
    @DisplayName(
            "6.9 GeoJSON: a FeatureCollection of Point features is valid; empty, with foreign members or an altitude too")
    void geojsonValid() {
        valid(FC, DocKind.GEOJSON, Fmt.JSON);
        valid("{\"type\":\"FeatureCollection\",\"features\":[]}", DocKind.GEOJSON, Fmt.JSON);
        valid(
                FC.replace(
                        "{\"type\":\"FeatureCollection\",", "{\"type\":\"FeatureCollection\",\"without_location\":3,"),
                DocKind.GEOJSON,
                Fmt.JSON);
        valid(FC.replace("39.781721]", "39.781721,180.5]"), DocKind.GEOJSON, Fmt.JSON);
    }

    @Test
    @DisplayName(
            "6.9 GeoJSON: a bare array, a Feature at the top, a Polygon, [lat, long] out of range, no service_request_id, "
                    + "a null geometry are rejected")
    void geojsonBroken() {
        invalid("[" + FEATURE + "]", DocKind.GEOJSON, Fmt.JSON, "object");
        invalid(FEATURE, DocKind.GEOJSON, Fmt.JSON, "type");
        invalid(FC.replace("\"type\":\"Point\"", "\"type\":\"Polygon\""), DocKind.GEOJSON, Fmt.JSON, "type");
        invalid(
                FC.replace("[-89.650148,39.781721]", "[39.781721,-189.650148]"),
                DocKind.GEOJSON,
                Fmt.JSON,
                "coordinates");
        invalid(FC.replace("[-89.650148,39.781721]", "[-89.650148]"), DocKind.GEOJSON, Fmt.JSON, "coordinates");
        invalid(FC.replace("\"service_request_id\":\"SR-1\",", ""), DocKind.GEOJSON, Fmt.JSON, "service_request_id");
        invalid(
                FC.replace("{\"type\":\"Point\",\"coordinates\":[-89.650148,39.781721]}", "null"),
                DocKind.GEOJSON,
                Fmt.JSON,
                "geometry");
        invalid(
                FC.replace("[" + FEATURE + "]", "[" + FEATURE + "," + FEATURE + "]"),
                DocKind.GEOJSON,
                Fmt.JSON,
                "listed twice");
    }
}
