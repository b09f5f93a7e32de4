package georeport.conformance.extensions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import georeport.conformance.extensions.Ext.Posted;
import georeport.conformance.support.Checks;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Http;
import georeport.conformance.support.Posts;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * extensions=true (docs 6.3, CitySDK profile 6.4): GET requests and GET request add extended_attributes with
 * detailed_status (text) and media_urls (a list, XML {@code <media_urls><media_url>}), and only when asked.
 */
@DisplayName("extensions: extensions=true and extended_attributes (6.3)")
class ExtendedAttributesChecks {

    record Data(Posted posted, String[] window) {}

    static final Ext.Memo<Data> DATA = new Ext.Memo<>(() -> {
        double[] p = Ext.freshPoint();
        Posted posted = Ext.postAt(p[0], p[1], Ext.description("extended_attributes"));
        return new Data(posted, Ext.window(List.of(posted)));
    });

    @BeforeEach
    void optIn() {
        Checks.extensions();
    }

    static Data data() {
        Posts.requirePosting();
        return DATA.get();
    }

    /** Problems of a record's extended_attributes (empty: it has a detailed_status text and a media_urls list). */
    static List<String> extendedProblems(JsonNode record, Fmt f) {
        List<String> p = new ArrayList<>();
        JsonNode ea = record.get("extended_attributes");
        if (ea == null || !ea.isObject()) {
            p.add("extended_attributes is " + (ea == null ? "missing" : "not an object with fields: " + ea));
            return p;
        }
        JsonNode ds = ea.get("detailed_status");
        if (ds == null || !ds.isTextual() || ds.asText().isBlank()) {
            p.add("extended_attributes.detailed_status must be a non-empty " + (f == Fmt.JSON ? "JSON string" : "text")
                    + ", got " + ds);
        }
        JsonNode media = ea.get("media_urls");
        if (media == null || !media.isArray()) {
            p.add("extended_attributes.media_urls must be a list ("
                    + (f == Fmt.JSON ? "a JSON array" : "<media_urls><media_url>…") + "), got " + media);
        } else {
            media.forEach(m -> {
                if (!m.isTextual() || m.asText().isBlank()) {
                    p.add("media_urls holds a non-URL entry " + m);
                }
            });
        }
        return p;
    }

    static void assertExtended(JsonNode record, Fmt f, Supplier<String> what) {
        List<String> p = extendedProblems(record, f);
        assertTrue(p.isEmpty(), String.join("; ", p) + ": " + what.get());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.3 GET request with extensions=true carries extended_attributes with detailed_status and media_urls")
    void singleWithExtensions(Fmt f) {
        Data d = data();
        JsonNode r = Ext.one(d.posted().id(), f, "extensions", "true");
        assertExtended(r, f, () -> "GET requests/" + d.posted().id() + "." + f.suffix + "?extensions=true");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "6.3 GET requests with extensions=true carries extended_attributes with detailed_status and media_urls")
    void listWithExtensions(Fmt f) {
        Data d = data();
        Docs.Doc doc = Ext.list(f, "start_date", d.window()[0], "end_date", d.window()[1], "extensions", "true");
        JsonNode r = Ext.find(doc, d.posted().id());
        assertTrue(
                r != null,
                "the window around the posted request misses it: "
                        + doc.response().request());
        assertExtended(r, f, () -> doc.response().describe());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "6.3 without extensions=true (absent or extensions=false) GET request and GET requests carry no extended_attributes")
    void onlyWhenAsked(Fmt f) {
        Data d = data();
        String id = d.posted().id();
        List<String> problems = new ArrayList<>();
        for (String[] params : new String[][] {{}, {"extensions", "false"}}) {
            JsonNode one = Ext.one(id, f, params);
            if (one.has("extended_attributes")) {
                problems.add("GET requests/" + id + "." + f.suffix + (params.length == 0 ? "" : "?extensions=false")
                        + " carries extended_attributes: " + one);
            }
            Docs.Doc doc = Ext.list(
                    f, Ext.concat(new String[] {"start_date", d.window()[0], "end_date", d.window()[1]}, params));
            JsonNode r = Ext.find(doc, id);
            if (r == null) {
                problems.add("the window around the posted request misses it: "
                        + doc.response().request());
            } else if (r.has("extended_attributes")) {
                problems.add(
                        doc.response().request() + " carries extended_attributes: " + Http.snippet(r.toString(), 300));
            }
        }
        assertTrue(problems.isEmpty(), String.join(" || ", problems));
    }
}
