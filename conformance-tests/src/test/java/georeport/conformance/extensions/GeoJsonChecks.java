package georeport.conformance.extensions;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import georeport.conformance.extensions.Ext.Posted;
import georeport.conformance.support.Checks;
import georeport.conformance.support.DocKind;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Http;
import georeport.conformance.support.Posts;

import static georeport.conformance.support.Trees.list;
import static georeport.conformance.support.Trees.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * requests.geojson (docs 6.9): the GET requests search as an RFC 7946 FeatureCollection of Point features at
 * [long, lat] whose properties carry the request fields; requests without a location are left out.
 */
@DisplayName("extensions: requests.geojson (6.9)")
class GeoJsonChecks {

    record Data(Posted located, Posted unlocated, String[] window) {}

    static final Ext.Memo<Data> DATA = new Ext.Memo<>(() -> {
        double[] p = Ext.freshPoint();
        Posted located = Ext.postAt(p[0], p[1], Ext.description("requests.geojson, located"));
        Posted unlocated = Ext.postAddressOnly(Ext.description("requests.geojson, address_string only"));
        return new Data(located, unlocated, Ext.window(List.of(located, unlocated)));
    });

    @BeforeEach
    void optIn() {
        Checks.extensions();
    }

    static Data data() {
        Posts.requirePosting();
        return DATA.get();
    }

    /**
     * Asserts 200, Content-Type application/geo+json (RFC 7946 section 12; application/json tolerated) in UTF-8, and a
     * body valid against the suite's GeoJSON schema; returns the tree.
     */
    static JsonNode featureCollection(Http.Response r) {
        if (r.status() != 200) {
            Assertions.fail("expected HTTP 200 with a GeoJSON FeatureCollection; got " + r.describe());
        }
        String[] ct = r.contentType().split(";");
        String type = ct[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/geo+json") && !type.equals("application/json")) {
            Assertions.fail(
                    "Content-Type '" + r.contentType() + "' is not application/geo+json (RFC 7946): " + r.describe());
        }
        for (int i = 1; i < ct.length; i++) {
            String param = ct[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
            if (param.startsWith("charset=") && !param.equals("charset=utf-8") && !param.equals("charset=utf8")) {
                Assertions.fail(
                        "Content-Type '" + r.contentType() + "' is not UTF-8 (RFC 7946 section 11.1): " + r.describe());
            }
        }
        List<String> p = Docs.problems(r.body(), DocKind.GEOJSON, Fmt.JSON);
        if (!p.isEmpty()) {
            Assertions.fail("invalid GeoJSON FeatureCollection ("
                    + String.join("; ", p.subList(0, Math.min(4, p.size())))
                    + (p.size() > 4 ? "; +" + (p.size() - 4) + " more" : "") + ") from " + r.describe());
        }
        return Docs.tree(r.body(), DocKind.GEOJSON, Fmt.JSON);
    }

    static JsonNode feature(JsonNode collection, String id) {
        return list(collection, "features").stream()
                .filter(f -> id.equals(str(f.get("properties"), "service_request_id")))
                .findFirst()
                .orElse(null);
    }

    static Http.Response window(Data d) {
        return Ext.get("requests.geojson", "start_date", d.window()[0], "end_date", d.window()[1]);
    }

    @Test
    @DisplayName(
            "6.9 requests.geojson -> 200 application/geo+json, a valid RFC 7946 FeatureCollection of Point features")
    void featureCollectionIsValid() {
        data();
        Http.Response r = Ext.get("requests.geojson");
        JsonNode fc = featureCollection(r);
        // data() posted a located request just now, so an empty collection would hide every per-feature rule
        assertTrue(
                !list(fc, "features").isEmpty(),
                "no features to check: the check would pass vacuously (" + r.describe() + ")");
    }

    @Test
    @DisplayName("6.9 a located request is a Point feature at [long, lat] with properties.service_request_id")
    void locatedRequestIsAFeature() {
        Data d = data();
        Http.Response r = window(d);
        JsonNode f = feature(featureCollection(r), d.located().id());
        assertTrue(
                f != null,
                "the request " + d.located().id() + " posted at lat "
                        + d.located().lat() + ", long " + d.located().lon() + " is not among the features of "
                        + r.describe());
        JsonNode c = f.get("geometry").get("coordinates");
        assertEquals(
                d.located().lon(),
                c.get(0).doubleValue(),
                1e-6,
                "coordinates[0] must be the longitude (RFC 7946 3.1.1): " + f);
        assertEquals(
                d.located().lat(),
                c.get(1).doubleValue(),
                1e-6,
                "coordinates[1] must be the latitude (RFC 7946 3.1.1): " + f);
    }

    @Test
    @DisplayName("6.9 a request without location (posted with address_string only) is not among the features")
    void unlocatedRequestIsLeftOut() {
        Data d = data();
        String[] w = {"start_date", d.window()[0], "end_date", d.window()[1]};
        Docs.Doc listed = Ext.list(Fmt.JSON, w);
        assertTrue(
                Ext.find(listed, d.unlocated().id()) != null,
                "GET requests.json of the window must list the address-only request "
                        + d.unlocated().id() + " (else this check proves nothing): "
                        + listed.response().describe());
        Http.Response r = window(d);
        JsonNode fc = featureCollection(r);
        assertTrue(
                feature(fc, d.located().id()) != null,
                "the window's FeatureCollection misses the located request "
                        + d.located().id() + ": " + r.describe());
        JsonNode f = feature(fc, d.unlocated().id());
        assertTrue(
                f == null,
                "the request " + d.unlocated().id() + " has no location (address_string only) but is a feature: " + f);
    }
}
