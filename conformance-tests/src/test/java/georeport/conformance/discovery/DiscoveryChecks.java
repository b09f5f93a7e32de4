package georeport.conformance.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;

import georeport.conformance.support.Checks;
import georeport.conformance.support.Compare;
import georeport.conformance.support.Config;
import georeport.conformance.support.Dates;
import georeport.conformance.support.DocKind;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Http;
import georeport.conformance.support.Json;
import georeport.conformance.support.Server;
import georeport.conformance.support.Xml;

import static georeport.conformance.support.Trees.list;
import static georeport.conformance.support.Trees.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Service Discovery (spec 2.1; wiki page Service_Discovery). */
@DisplayName("discovery")
class DiscoveryChecks {

    static Docs.Doc fetch(Fmt f) {
        String d = Server.requireDiscovery();
        return Docs.expect(Http.get(d + "." + f.suffix), DocKind.DISCOVERY, f);
    }

    static List<JsonNode> v2Endpoints(JsonNode tree) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : list(tree, "endpoints")) {
            String spec = str(e, "specification");
            if (spec != null && spec.contains("GeoReport_v2")) {
                out.add(e);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("2.1 discovery.{xml,json} answers 200 with a valid discovery document (both formats are mandatory)")
    void discoveryIsValid(Fmt f) {
        fetch(f);
    }

    @Test
    @DisplayName("2.1 discovery.json: top level is an object; endpoints and each endpoint's formats are JSON arrays")
    void jsonArrays() throws Exception {
        Http.Response r = Http.get(Server.requireDiscovery() + ".json");
        JsonNode t = Json.parse(r.body());
        assertTrue(t.isObject(), "discovery.json must be an object, got " + r.describe());
        assertTrue(
                t.path("endpoints").isArray(),
                "endpoints must be an array (Gießen once sent an object): " + r.describe());
        // an empty endpoints array would leave the formats rule below unchecked
        assertTrue(
                t.path("endpoints").size() > 0,
                "no endpoints to check: the check would pass vacuously (" + r.describe() + ")");
        for (JsonNode e : t.path("endpoints")) {
            assertTrue(e.path("formats").isArray(), "every endpoint's formats must be an array: " + r.describe());
        }
    }

    @Test
    @DisplayName("2.1 discovery.xml: <endpoints> holds <endpoint> elements and each <formats> holds <format> elements")
    void xmlLists() throws Exception {
        Http.Response r = Http.get(Server.requireDiscovery() + ".xml");
        Document d = Xml.parse(r.body());
        Element root = d.getDocumentElement();
        assertEquals("discovery", root.getTagName(), "root element: " + r.describe());
        int endpoints = 0;
        for (Element c : Xml.children(root)) {
            if (c.getTagName().equals("endpoints")) {
                for (Element e : Xml.children(c)) {
                    assertEquals("endpoint", e.getTagName(), "child of <endpoints>: " + r.describe());
                    endpoints++;
                    boolean formats = false;
                    for (Element f : Xml.children(e)) {
                        if (f.getTagName().equals("formats")) {
                            formats = true;
                            assertTrue(!Xml.children(f).isEmpty(), "<formats> is empty: " + r.describe());
                            for (Element fm : Xml.children(f)) {
                                assertEquals("format", fm.getTagName(), "child of <formats>: " + r.describe());
                            }
                        }
                    }
                    assertTrue(formats, "an <endpoint> has no <formats>: " + r.describe());
                }
            }
        }
        assertTrue(endpoints > 0, "no <endpoints><endpoint>: " + r.describe());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("2.1 at least one GeoReport v2 endpoint is listed, and every v2 endpoint lists text/xml")
    void v2EndpointListsXml(Fmt f) {
        Docs.Doc d = fetch(f);
        List<JsonNode> v2 = v2Endpoints(d.tree());
        assertTrue(
                !v2.isEmpty(),
                "no endpoint with specification http://wiki.open311.org/GeoReport_v2: "
                        + d.response().describe());
        for (JsonNode e : v2) {
            List<String> formats =
                    list(e, "formats").stream().map(JsonNode::asText).toList();
            assertTrue(
                    formats.contains("text/xml"),
                    "v2 endpoint " + str(e, "url") + " lists formats " + formats + " without text/xml");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("2.1 changeset values (document and endpoints) parse as datetimes and are not in the future")
    void changesets(Fmt f) {
        Docs.Doc d = fetch(f);
        List<String> values = new ArrayList<>();
        values.add(str(d.tree(), "changeset"));
        for (JsonNode e : list(d.tree(), "endpoints")) {
            values.add(str(e, "changeset"));
        }
        Instant latest = Instant.now().plus(Duration.ofMinutes(5));
        for (String v : values) {
            Instant i = Dates.parseChangeset(v);
            if (i == null) {
                fail("changeset '" + v + "' is not a datetime (" + d.response().request() + ")");
            }
            assertTrue(!i.isAfter(latest), "changeset '" + v + "' lies in the future (now " + Instant.now() + ")");
        }
    }

    @Test
    @DisplayName("1.2 discovery.xml and discovery.json carry the same content (field by field)")
    void xmlEqualsJson() {
        List<String> diff = Compare.diff(fetch(Fmt.XML).tree(), fetch(Fmt.JSON).tree());
        assertTrue(diff.isEmpty(), "discovery XML and JSON differ: " + diff);
    }

    @Test
    @DisplayName("2.1 discovery lists the endpoint under test, with every format it lists served (recommendation)")
    void listsEndpointUnderTest() {
        Checks.recommendation();
        Docs.Doc d = fetch(Fmt.XML);
        String base = Config.get().base;
        JsonNode mine = null;
        List<String> urls = new ArrayList<>();
        for (JsonNode e : list(d.tree(), "endpoints")) {
            String url = str(e, "url");
            urls.add(url);
            if (url != null && url.replaceAll("/+$", "").equals(base)) {
                mine = e;
            }
        }
        assertTrue(mine != null, "discovery lists " + urls + " but not the endpoint under test " + base);
        for (JsonNode fm : list(mine, "formats")) {
            String f = fm.asText();
            if (f.equals("application/json")) {
                Http.Response r = Http.get(base + "/services.json");
                assertEquals(200, r.status(), "discovery lists application/json but " + r.describe());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("1.1 discovery is also served inside the endpoint at {base}/discovery.{xml,json} (recommendation)")
    void discoveryUnderBase(Fmt f) {
        Checks.recommendation();
        Docs.expect(Http.get(Config.get().base + "/discovery." + f.suffix), DocKind.DISCOVERY, f);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("1.4 discovery with jurisdiction_id= (empty) answers exactly as without it")
    void emptyJurisdiction(Fmt f) {
        Docs.Doc plain = fetch(f);
        Docs.Doc empty = Docs.expect(
                Http.get(Server.requireDiscovery() + "." + f.suffix + "?jurisdiction_id="), DocKind.DISCOVERY, f);
        assertEquals(
                plain.tree(),
                empty.tree(),
                "discovery differs with jurisdiction_id= : " + empty.response().describe());
    }
}
