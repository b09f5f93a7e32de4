package georeport.conformance.selftest;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import georeport.conformance.support.DocKind;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Xml;

import static georeport.conformance.selftest.Resources.bytes;
import static georeport.conformance.selftest.Resources.text;
import static georeport.conformance.selftest.Resources.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suite's XML Schemas, tested without a server: real cities' documents pass, broken ones fail. */
class XsdValidatorTest {

    static final String DECL = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

    static List<String> xsd(String xml, DocKind kind) {
        return Xml.validate(utf8(xml), kind);
    }

    static void valid(String xml, DocKind kind) {
        List<String> p = Docs.problems(utf8(xml), kind, Fmt.XML);
        assertTrue(p.isEmpty(), "expected valid, got " + p);
    }

    static void invalid(String xml, DocKind kind, String expectedFragment) {
        List<String> p = Docs.problems(utf8(xml), kind, Fmt.XML);
        assertFalse(p.isEmpty(), "expected the validator to reject:\n" + xml);
        assertTrue(
                String.join(" ", p).contains(expectedFragment),
                "rejected, but not for '" + expectedFragment + "': " + p);
    }

    // ---------------------------------------------------------------- real-world documents

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "real-world/requests_toronto_single.xml",
                "real-world/requests_toronto_multi.xml",
                "real-world/requests_single.xml",
                "real-world/requests_many.xml"
            })
    @DisplayName(
            "real world: Toronto-style request lists (empty <description/>, <updated_datetime/>, <long> before <lat>) are valid")
    void torontoRequestsAreValid(String file) {
        List<String> p = Docs.problems(bytes(file), DocKind.REQUESTS, Fmt.XML);
        assertTrue(p.isEmpty(), file + ": " + p);
    }

    @Test
    @DisplayName(
            "real world: Gießen (Mark-a-Spot) services.xml is rejected only for the attribute is_array=\"true\" on <services>")
    void giessenServicesOnlyDeviationIsTheAttribute() {
        String doc = text("real-world/services_giessen.xml");
        List<String> p = xsd(doc, DocKind.SERVICES);
        assertEquals(1, p.size(), "exactly one problem expected: " + p);
        assertTrue(p.get(0).contains("is_array"), p.toString());
        String fixed = doc.replace("<services is_array=\"true\">", "<services>");
        List<String> after = Docs.problems(utf8(fixed), DocKind.SERVICES, Fmt.XML);
        assertTrue(after.isEmpty(), "without is_array the German UTF-8 service list must be valid: " + after);
    }

    // ---------------------------------------------------------------- the spec's own examples (docs/georeport-v2.md)

    @Test
    @DisplayName("spec example: discovery.xml with a production and a test endpoint is valid")
    void discoveryExample() {
        valid(
                DECL
                        + "<discovery><changeset>2024-03-18T09:30:00Z</changeset><contact>open311@example-city.gov</contact>"
                        + "<key_service>Keys at https://example-city.gov/keys</key_service><endpoints>"
                        + "<endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification><url>https://api.example-city.gov/open311/v2</url>"
                        + "<changeset>2024-03-18T09:30:00Z</changeset><type>production</type><formats><format>text/xml</format>"
                        + "<format>application/json</format></formats></endpoint>"
                        + "<endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification><url>https://sandbox.example-city.gov/open311/v2</url>"
                        + "<changeset>2024-02-01T00:00:00Z</changeset><type>test</type><formats><format>text/xml</format></formats></endpoint>"
                        + "</endpoints></discovery>",
                DocKind.DISCOVERY);
    }

    static final String DEFINITION = DECL + "<service_definition><service_code>GRAF-01</service_code><attributes>"
            + "<attribute><variable>false</variable><code>NOTICE</code><datatype>text</datatype><required>false</required>"
            + "<datatype_description></datatype_description><order>1</order><description>Owner's responsibility.</description></attribute>"
            + "<attribute><variable>true</variable><code>SURFACE</code><datatype>singlevaluelist</datatype><required>true</required>"
            + "<datatype_description>Pick one</datatype_description><order>2</order><description>What is painted?</description>"
            + "<values><value><key>wall</key><name>Wall or fence</name></value><value><key>sign</key><name>Traffic sign</name></value></values></attribute>"
            + "<attribute><variable>true</variable><code>AREA_M2</code><datatype>number</datatype><required>false</required>"
            + "<datatype_description>m2</datatype_description><order>3</order><description>How large?</description></attribute>"
            + "</attributes></service_definition>";

    @Test
    @DisplayName("spec example: service definition with text, singlevaluelist and number attributes is valid")
    void definitionExample() {
        valid(DEFINITION, DocKind.SERVICE_DEFINITION);
    }

    static final String REQUEST = "<request><service_request_id>SR-1</service_request_id><status>open</status>"
            + "<service_code>POTHOLE</service_code><requested_datetime>2024-05-02T08:14:09-05:00</requested_datetime>"
            + "<lat>39.781721</lat><long>-89.650148</long></request>";

    @Test
    @DisplayName(
            "spec example: request list, POST answers (realtime, batch, blackbox), token answer and errors are valid")
    void otherExamples() {
        valid(DECL + "<service_requests>" + REQUEST + "</service_requests>", DocKind.REQUESTS);
        valid(DECL + "<service_requests></service_requests>", DocKind.REQUESTS);
        valid(
                DECL
                        + "<service_requests><request><service_request_id>SR-2024-000812</service_request_id><service_notice>5 days</service_notice>"
                        + "<account_id>acct-5521</account_id></request></service_requests>",
                DocKind.POST_RESPONSE);
        valid(
                DECL + "<service_requests><request><token>4e1f0c2a</token></request></service_requests>",
                DocKind.POST_RESPONSE);
        valid(DECL + "<service_requests><request/></service_requests>", DocKind.POST_RESPONSE);
        valid(
                DECL
                        + "<service_requests><request><service_request_id>SR-1</service_request_id><token>4e1f0c2a</token></request></service_requests>",
                DocKind.TOKEN_RESPONSE);
        valid(
                DECL + "<service_requests><request><token>4e1f0c2a</token></request></service_requests>",
                DocKind.TOKEN_RESPONSE);
        valid(
                DECL
                        + "<errors><error><code>400</code><description>attribute[SURFACE] is required</description></error>"
                        + "<error><code>400</code><description>lat and long must both be provided</description></error></errors>",
                DocKind.ERRORS);
        valid(DECL + "<services></services>", DocKind.SERVICES);
    }

    @Test
    @DisplayName("extension: <extended_attributes> with any content (CitySDK media_urls) is valid in a request")
    void extendedAttributes() {
        valid(
                DECL + "<service_requests>"
                        + REQUEST.replace(
                                "</request>",
                                "<extended_attributes><title>T</title><media_urls>"
                                        + "<media_url>https://x/a.jpg</media_url><media_url>https://x/b.jpg</media_url></media_urls></extended_attributes></request>")
                        + "</service_requests>",
                DocKind.REQUESTS);
    }

    // ---------------------------------------------------------------- broken documents

    @Test
    @DisplayName("broken: wrong root <requests> instead of <service_requests> (6A) is rejected")
    void wrongRoot() {
        invalid(DECL + "<requests>" + REQUEST + "</requests>", DocKind.REQUESTS, "requests");
    }

    @Test
    @DisplayName("broken: request without service_request_id is rejected")
    void missingId() {
        invalid(
                DECL + "<service_requests>" + REQUEST.replace("<service_request_id>SR-1</service_request_id>", "")
                        + "</service_requests>",
                DocKind.REQUESTS,
                "service_request_id");
    }

    @Test
    @DisplayName("broken: lat as text, lat out of range are rejected")
    void latAsText() {
        invalid(
                DECL + "<service_requests>" + REQUEST.replace("39.781721", "north") + "</service_requests>",
                DocKind.REQUESTS,
                "north");
        invalid(
                DECL + "<service_requests>" + REQUEST.replace("39.781721", "91.5") + "</service_requests>",
                DocKind.REQUESTS,
                "91.5");
    }

    @Test
    @DisplayName("broken: status in_progress (Libre311) and requested_datetime without zone are rejected")
    void badStatusAndDate() {
        invalid(
                DECL + "<service_requests>" + REQUEST.replace(">open<", ">in_progress<") + "</service_requests>",
                DocKind.REQUESTS,
                "in_progress");
        invalid(
                DECL + "<service_requests>" + REQUEST.replace("2024-05-02T08:14:09-05:00", "2024-05-02T08:14:09")
                        + "</service_requests>",
                DocKind.REQUESTS,
                "2024-05-02T08:14:09");
        invalid(
                DECL + "<service_requests>" + REQUEST.replace("2024-05-02T08:14:09-05:00", "02/05/2024")
                        + "</service_requests>",
                DocKind.REQUESTS,
                "02/05/2024");
    }

    @Test
    @DisplayName(
            "broken: empty required element (<service_request_id/>) and unknown element (<title>, FMS) are rejected")
    void emptyRequiredAndUnknown() {
        invalid(
                DECL + "<service_requests>"
                        + REQUEST.replace("<service_request_id>SR-1</service_request_id>", "<service_request_id/>")
                        + "</service_requests>",
                DocKind.REQUESTS,
                "service_request_id");
        invalid(
                DECL + "<service_requests>" + REQUEST.replace("</request>", "<title>x</title></request>")
                        + "</service_requests>",
                DocKind.REQUESTS,
                "title");
    }

    @Test
    @DisplayName(
            "broken: errors without code, with code as text (Mark-a-Spot '103 - service_code'), or with no error are rejected")
    void brokenErrors() {
        invalid(DECL + "<errors><error><description>bad</description></error></errors>", DocKind.ERRORS, "code");
        invalid(
                DECL + "<errors><error><code>103 - service_code</code><description>bad</description></error></errors>",
                DocKind.ERRORS,
                "103 - service_code");
        invalid(DECL + "<errors></errors>", DocKind.ERRORS, "errors");
        invalid(
                DECL + "<error_messages><error_message>x</error_message></error_messages>",
                DocKind.ERRORS,
                "error_messages");
    }

    @Test
    @DisplayName("broken: services with metadata=1 (PHP boolean), type 'sometimes', missing service_name are rejected")
    void brokenServices() {
        String ok =
                "<service><service_code>A</service_code><service_name>A</service_name><metadata>false</metadata><type>realtime</type></service>";
        valid(DECL + "<services>" + ok + "</services>", DocKind.SERVICES);
        invalid(DECL + "<services>" + ok.replace(">false<", ">1<") + "</services>", DocKind.SERVICES, "metadata");
        invalid(
                DECL + "<services>" + ok.replace(">realtime<", ">sometimes<") + "</services>",
                DocKind.SERVICES,
                "sometimes");
        invalid(
                DECL + "<services>" + ok.replace("<service_name>A</service_name>", "") + "</services>",
                DocKind.SERVICES,
                "service_name");
    }

    @Test
    @DisplayName(
            "broken: definition without <attributes> wrapper, datatype 'date', order 'first', value without key are rejected")
    void brokenDefinitions() {
        invalid(
                DEFINITION.replace("<attributes>", "").replace("</attributes>", ""),
                DocKind.SERVICE_DEFINITION,
                "attribute");
        invalid(DEFINITION.replace(">number<", ">date<"), DocKind.SERVICE_DEFINITION, "date");
        invalid(DEFINITION.replace("<order>3</order>", "<order>first</order>"), DocKind.SERVICE_DEFINITION, "first");
        invalid(DEFINITION.replace("<key>sign</key>", ""), DocKind.SERVICE_DEFINITION, "key");
        invalid(
                DEFINITION
                        .replace("<root>", "")
                        .replace("<service_definition>", "<service_definitions>")
                        .replace("</service_definition>", "</service_definitions>"),
                DocKind.SERVICE_DEFINITION,
                "service_definitions");
    }

    @Test
    @DisplayName(
            "broken rules (beyond XSD 1.0): duplicate order, singlevaluelist without values, duplicate attribute code are rejected")
    void brokenDefinitionRules() {
        invalid(DEFINITION.replace("<order>3</order>", "<order>2</order>"), DocKind.SERVICE_DEFINITION, "order 2");
        invalid(DEFINITION.replaceAll("<values>.*</values>", ""), DocKind.SERVICE_DEFINITION, "has no values");
        invalid(
                DEFINITION.replace("<code>AREA_M2</code>", "<code>SURFACE</code>"),
                DocKind.SERVICE_DEFINITION,
                "used twice");
    }

    @Test
    @DisplayName("broken: discovery without changeset, with no endpoint, or endpoint without formats is rejected")
    void brokenDiscovery() {
        String ep =
                "<endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification><url>https://x/v2</url>"
                        + "<changeset>2024-03-18T09:30:00Z</changeset><type>production</type><formats><format>text/xml</format></formats></endpoint>";
        String ok = DECL
                + "<discovery><changeset>2024-03-18T09:30:00Z</changeset><contact>c</contact><key_service>k</key_service>"
                + "<endpoints>" + ep + "</endpoints></discovery>";
        valid(ok, DocKind.DISCOVERY);
        invalid(
                ok.replace("<changeset>2024-03-18T09:30:00Z</changeset><contact>", "<contact>"),
                DocKind.DISCOVERY,
                "changeset");
        invalid(ok.replace(ep, ""), DocKind.DISCOVERY, "endpoint");
        invalid(ok.replace("<formats><format>text/xml</format></formats>", ""), DocKind.DISCOVERY, "formats");
        invalid(ok.replace("<type>production</type>", "<type>staging</type>"), DocKind.DISCOVERY, "staging");
    }

    @Test
    @DisplayName(
            "broken: POST answer with two requests, or with both id and token, is rejected; token answer without token is rejected")
    void brokenPostAndToken() {
        String r = "<request><service_request_id>1</service_request_id></request>";
        invalid(DECL + "<service_requests>" + r + r + "</service_requests>", DocKind.POST_RESPONSE, "request");
        invalid(
                DECL
                        + "<service_requests><request><service_request_id>1</service_request_id><token>t</token></request></service_requests>",
                DocKind.POST_RESPONSE,
                "both service_request_id and token");
        invalid(
                DECL
                        + "<service_requests><request><service_request_id>1</service_request_id></request></service_requests>",
                DocKind.TOKEN_RESPONSE,
                "token");
    }

    @Test
    @DisplayName(
            "broken: a namespace on the root, an XML attribute, a missing or non-UTF-8 XML declaration are rejected")
    void namespaceAttributesDeclaration() {
        invalid(
                DECL + "<services xmlns=\"http://wiki.open311.org/GeoReport_v2\"></services>",
                DocKind.SERVICES,
                "services");
        invalid(DECL + "<service_requests type=\"array\"></service_requests>", DocKind.REQUESTS, "type");
        invalid("<service_requests></service_requests>", DocKind.REQUESTS, "does not start with");
        invalid(
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><service_requests></service_requests>",
                DocKind.REQUESTS,
                "ISO-8859-1");
        invalid(DECL + "<service_requests>", DocKind.REQUESTS, "well-formed");
    }
}
