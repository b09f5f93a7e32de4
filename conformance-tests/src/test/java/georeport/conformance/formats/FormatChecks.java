package georeport.conformance.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import georeport.conformance.support.Api;
import georeport.conformance.support.Checks;
import georeport.conformance.support.Config;
import georeport.conformance.support.DocKind;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fixtures;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Form;
import georeport.conformance.support.Http;
import georeport.conformance.support.Json;
import georeport.conformance.support.Posts;
import georeport.conformance.support.Server;

import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cross-cutting rules for every resource: suffixes, content types, XML declaration, JSON shape, UTF-8 (spec 1.1-1.3). */
@DisplayName("formats")
class FormatChecks {

    /** Every GET resource of the API, fetched in a given format. */
    enum Resource {
        DISCOVERY("discovery", DocKind.DISCOVERY),
        SERVICES("services", DocKind.SERVICES),
        SERVICE_DEFINITION("services/{code}", DocKind.SERVICE_DEFINITION),
        REQUESTS("requests", DocKind.REQUESTS),
        REQUEST("requests/{id}", DocKind.REQUESTS),
        TOKEN("tokens/{token}", DocKind.TOKEN_RESPONSE),
        ERROR("requests/{unknown id}", DocKind.ERRORS);

        final String path;
        final DocKind kind;

        Resource(String path, DocKind kind) {
            this.path = path;
            this.kind = kind;
        }

        Http.Response fetch(Fmt f) {
            String sfx = "." + f.suffix;
            return switch (this) {
                case DISCOVERY -> Http.get(Server.requireDiscovery() + sfx);
                case SERVICES -> Api.get("services" + sfx).send();
                case SERVICE_DEFINITION -> {
                    Optional<Server.Service> s = Server.model().services.stream()
                            .filter(Server.Service::metadata)
                            .findFirst();
                    Checks.skipIf(s.isEmpty(), "no service has metadata=true");
                    yield Api.get("services/" + Http.seg(s.get().code()) + sfx).send();
                }
                case REQUESTS -> Api.get("requests" + sfx).send();
                case REQUEST ->
                    Api.get("requests/" + Http.seg(Fixtures.someIds(1).get(0)) + sfx)
                            .send();
                case TOKEN -> {
                    Posts.requirePosting();
                    Server.model().require("batch");
                    yield Api.get("tokens/" + Http.seg(Fixtures.batch().token()) + sfx)
                            .send();
                }
                case ERROR -> Api.get("requests/CONFORMANCE-NO-SUCH-ID" + sfx).send();
            };
        }

        @Override
        public String toString() {
            return path;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Resource.class)
    @DisplayName(
            "1.1 .xml: text/xml (or application/xml), UTF-8 declaration, spec root and element names, no namespace, no attributes")
    void xml(Resource res) {
        Http.Response r = res.fetch(Fmt.XML);
        Docs.validBody(r, res.kind, Fmt.XML);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Resource.class)
    @DisplayName(
            "1.2 .json: application/json, strict UTF-8 JSON (no leading zeros), top level array or object per table 1.2")
    void json(Resource res) throws Exception {
        Http.Response r = res.fetch(Fmt.JSON);
        Docs.validBody(r, res.kind, Fmt.JSON);
        JsonNode t = Json.parse(r.body());
        boolean array = res.kind.rootIsList();
        assertEquals(
                array,
                t.isArray(),
                res.path + ".json must be a JSON " + (array ? "array" : "object") + ": " + r.describe());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Resource.class)
    @DisplayName(
            "1.1 exact content types 'text/xml; charset=utf-8' and 'application/json; charset=utf-8' (recommendation)")
    void exactContentTypes(Resource res) {
        Checks.recommendation();
        for (Fmt f : Fmt.values()) {
            Http.Response r = res.fetch(f);
            String expected = f.mediaType + "; charset=utf-8";
            assertEquals(
                    expected,
                    r.contentType().toLowerCase(Locale.ROOT).replace("\"", ""),
                    "Content-Type of " + r.request());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Resource.class,
            names = {"DISCOVERY", "SERVICES", "SERVICE_DEFINITION", "REQUESTS", "REQUEST"})
    @DisplayName("1.1 an unsupported format suffix (.csv) -> 404 with an error document")
    void unsupportedSuffix(Resource res) {
        Config.server();
        Http.Response xml = res.fetch(Fmt.XML);
        Checks.skipIf(xml.status() != 200, "the resource itself fails: " + xml.describe());
        String url = xml.url().replaceFirst("\\.xml(\\?|$)", ".csv$1");
        Http.Response r = Http.get(url);
        assertEquals(404, r.status(), "unsupported suffix: " + r.describe());
        Fmt f = r.contentType().contains("json") ? Fmt.JSON : Fmt.XML;
        Docs.validBody(r, DocKind.ERRORS, f);
    }

    @Test
    @DisplayName("1.1 other unsupported suffixes (.yaml, .txt, .XMLX) on services -> 404 with an error document")
    void otherSuffixes() {
        List<String> failures = new ArrayList<>();
        for (String sfx : List.of("yaml", "txt", "xmlx")) {
            Http.Response r = Api.get("services." + sfx).send();
            try {
                assertEquals(404, r.status(), "status");
                Docs.validBody(r, DocKind.ERRORS, r.contentType().contains("json") ? Fmt.JSON : Fmt.XML);
            } catch (AssertionError e) {
                failures.add("services." + sfx + ": " + e.getMessage() + " (" + r.describe() + ")");
            }
        }
        assertTrue(failures.isEmpty(), String.join(" || ", failures));
    }

    // ------------------------------------------------------------------ UTF-8

    static final String NON_ASCII = "Töhryjen poisto – Straße, café, Ærø, łódź, 東京, emoji 🚧";

    @ParameterizedTest(name = "posted as .{0}")
    @EnumSource(Fmt.class)
    @DisplayName("1.1 UTF-8: non-ASCII text (\"Töhryjen poisto\", 東京, 🚧) round-trips POST -> GET in XML and JSON")
    void utf8RoundTrip(Fmt postFmt) {
        Posts.requirePosting();
        Server.Service s = Server.model().require("realtime");
        String text = NON_ASCII + " " + System.nanoTime();
        Form f = Posts.valid(s, false).set("description", text).set("address_string", "Töölöntori 1, Helsinki");
        JsonNode a = Posts.accepted(Posts.post(postFmt, f), postFmt);
        String id = str(a, "service_request_id");
        for (Fmt g : Fmt.values()) {
            Http.Response r =
                    Api.get("requests/" + Http.seg(id) + "." + g.suffix).send();
            Docs.Doc d = Docs.expect(r, DocKind.REQUESTS, g);
            JsonNode req = items(d.tree()).get(0);
            assertEquals(text, str(req, "description"), "description read back as ." + g.suffix);
            assertEquals("Töölöntori 1, Helsinki", str(req, "address"), "address read back as ." + g.suffix);
        }
    }

    @Test
    @DisplayName("1.1 UTF-8: a form body without charset parameter is decoded as UTF-8 (recommendation)")
    void utf8WithoutCharset() {
        Checks.recommendation();
        Posts.requirePosting();
        Server.Service s = Server.model().require("realtime");
        String text = "Töhryjen poisto ilman charsetiä " + System.nanoTime();
        Form f = Posts.valid(s, false).set("description", text);
        Http.Response r = Api.call("POST", "requests.json").form(f, "application/x-www-form-urlencoded", false);
        JsonNode a = Posts.accepted(r, Fmt.JSON);
        Http.Response g = Api.get("requests/" + Http.seg(str(a, "service_request_id")) + ".json")
                .send();
        assertEquals(
                text,
                str(items(Docs.expect(g, DocKind.REQUESTS, Fmt.JSON).tree()).get(0), "description"));
    }

    @Test
    @DisplayName("1.1 UTF-8: a service list with non-ASCII names is valid UTF-8 in both formats")
    void servicesUtf8() {
        for (Fmt f : Fmt.values()) {
            Http.Response r = Api.get("services." + f.suffix).send();
            assertTrue(Json.strictUtf8(r.body()) != null, "services." + f.suffix + " is not valid UTF-8");
        }
    }

    // ------------------------------------------------------------------ JSONP, CORS (6.8)

    @Test
    @DisplayName("6.8 JSONP: ?callback= wraps GET .json only, never XML or POST (extension)")
    void jsonp() {
        Http.Response r =
                Api.get("services.json").param("callback", "conformanceCb").send();
        boolean wraps = r.text().startsWith("conformanceCb(") || r.contentType().contains("javascript");
        Checks.skipIf(!wraps, "JSONP is not implemented (an extension, docs 6.8): callback ignored");
        assertTrue(r.text().strip().matches("(?s)conformanceCb\\((.*)\\);?"), "JSONP body: " + r.describe());
        Http.Response x =
                Api.get("services.xml").param("callback", "conformanceCb").send();
        assertTrue(!x.text().startsWith("conformanceCb("), "XML must not be wrapped: " + x.describe());
        Http.Response bad =
                Api.get("services.json").param("callback", "alert(1)//").send();
        assertTrue(!bad.text().startsWith("alert(1)"), "an unsafe callback name must be refused: " + bad.describe());
    }

    @Test
    @DisplayName("6.8 CORS: GET answers carry Access-Control-Allow-Origin (recommendation)")
    void cors() {
        Checks.recommendation();
        Http.Response r = Api.get("services.json")
                .header("Origin", "https://conformance.example")
                .send();
        assertTrue(
                r.header("Access-Control-Allow-Origin").isPresent(),
                "no Access-Control-Allow-Origin on " + r.describe());
    }
}
