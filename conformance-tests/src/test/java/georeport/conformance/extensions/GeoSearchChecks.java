package georeport.conformance.extensions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import georeport.conformance.extensions.Ext.Posted;
import georeport.conformance.support.Checks;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Posts;
import georeport.conformance.support.Trees;

import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.str;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Geographic filters of GET requests (docs 6.4, CitySDK / 6Aika / Mark-a-Spot): lat+long+radius in metres and
 * bbox=minLon,minLat,maxLon,maxLat, judged with a request the checks post at a point of their own.
 */
@DisplayName("extensions: radius and bbox search (6.4)")
class GeoSearchChecks {

    /** Half the side of the test boxes, in degrees (about 110 m north-south). */
    static final double HALF = 0.001;

    static final double FAR = 5000;

    static final Ext.Memo<Posted> POSTED = new Ext.Memo<>(() -> {
        double[] p = Ext.freshPoint();
        return Ext.postAt(p[0], p[1], Ext.description("radius and bbox search"));
    });

    @BeforeEach
    void optIn() {
        Checks.extensions();
    }

    static Posted posted() {
        Posts.requirePosting();
        return POSTED.get();
    }

    static double[] point(JsonNode r) {
        BigDecimal la = Trees.num(r, "lat");
        BigDecimal lo = Trees.num(r, "long");
        if (la == null || lo == null) {
            throw new AssertionError(
                    str(r, "service_request_id") + " is listed by a geographic filter but has no lat/long: " + r);
        }
        return new double[] {la.doubleValue(), lo.doubleValue()};
    }

    static String[] circle(double[] centre, String radius) {
        return new String[] {"lat", Ext.coord(centre[0]), "long", Ext.coord(centre[1]), "radius", radius};
    }

    static String[] box(double[] centre) {
        return new String[] {"bbox", Ext.bbox(centre[1] - HALF, centre[0] - HALF, centre[1] + HALF, centre[0] + HALF)};
    }

    /** Every listed request lies within radius metres of centre (1 m tolerance). */
    static void allWithin(Docs.Doc doc, double[] centre, double radius) {
        List<String> outside = new ArrayList<>();
        for (JsonNode r : items(doc.tree())) {
            double[] q = point(r);
            double m = Ext.metres(centre[0], centre[1], q[0], q[1]);
            if (m > radius + 1) {
                outside.add(str(r, "service_request_id") + " at " + Math.round(m) + " m");
            }
        }
        assertTrue(
                outside.isEmpty(),
                "listed with radius " + (long) radius + " but farther away: " + outside + " ("
                        + doc.response().request() + ")");
    }

    /** Every listed request lies inside the box around centre. */
    static void allInside(Docs.Doc doc, double[] centre) {
        List<String> outside = new ArrayList<>();
        for (JsonNode r : items(doc.tree())) {
            double[] q = point(r);
            if (Math.abs(q[0] - centre[0]) > HALF + 1e-7 || Math.abs(q[1] - centre[1]) > HALF + 1e-7) {
                outside.add(str(r, "service_request_id") + " at " + q[0] + "," + q[1]);
            }
        }
        assertTrue(
                outside.isEmpty(),
                "listed by the bbox but outside it: " + outside + " ("
                        + doc.response().request() + ")");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "6.4 lat+long+radius=100 around a posted request's point finds it; every listed request lies within 100 m")
    void radiusFindsRequest(Fmt f) {
        Posted p = posted();
        double[] at = {p.lat(), p.lon()};
        Docs.Doc doc = Ext.list(f, circle(at, "100"));
        assertTrue(
                Ext.find(doc, p.id()) != null,
                "the request " + p.id() + " posted at " + Ext.coord(at[0]) + "," + Ext.coord(at[1])
                        + " must be listed: " + doc.response().describe());
        allWithin(doc, at, 100);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.4 lat+long+radius=100 around a point 5 km away leaves the posted request out")
    void radiusElsewhereMissesRequest(Fmt f) {
        Posted p = posted();
        double[] far = Ext.north(new double[] {p.lat(), p.lon()}, FAR);
        Docs.Doc doc = Ext.list(f, circle(far, "100"));
        assertTrue(
                Ext.find(doc, p.id()) == null,
                "the request " + p.id() + " posted 5 km away must not be listed: "
                        + doc.response().request());
        allWithin(doc, far, 100);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "6.4 bbox=minLon,minLat,maxLon,maxLat around a posted request's point finds it; every listed request lies inside")
    void bboxFindsRequest(Fmt f) {
        Posted p = posted();
        double[] at = {p.lat(), p.lon()};
        Docs.Doc doc = Ext.list(f, box(at));
        assertTrue(
                Ext.find(doc, p.id()) != null,
                "the request " + p.id() + " posted at " + Ext.coord(at[0]) + "," + Ext.coord(at[1])
                        + " must be listed: " + doc.response().describe());
        allInside(doc, at);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.4 a bbox 5 km away leaves the posted request out")
    void bboxElsewhereMissesRequest(Fmt f) {
        Posted p = posted();
        double[] far = Ext.north(new double[] {p.lat(), p.lon()}, FAR);
        Docs.Doc doc = Ext.list(f, box(far));
        assertTrue(
                Ext.find(doc, p.id()) == null,
                "the request " + p.id() + " posted 5 km away must not be listed: "
                        + doc.response().request());
        allInside(doc, far);
    }

    /** Each parameter set must be answered 400 with an error document; all are tried, all failures reported. */
    static void allRejected(Fmt f, String[]... calls) {
        List<String> problems = new ArrayList<>();
        for (String[] kv : calls) {
            try {
                Docs.expectError(Ext.get("requests." + f.suffix, kv), 400, f);
            } catch (AssertionError e) {
                problems.add(e.getMessage());
            }
        }
        assertTrue(problems.isEmpty(), String.join(" || ", problems));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.4 a reversed bbox (minLon > maxLon or minLat > maxLat) -> 400 with an error document")
    void reversedBbox(Fmt f) {
        double[] c = Ext.freshPoint();
        allRejected(
                f,
                new String[] {"bbox", Ext.bbox(c[1] + HALF, c[0] - HALF, c[1] - HALF, c[0] + HALF)},
                new String[] {"bbox", Ext.bbox(c[1] - HALF, c[0] + HALF, c[1] + HALF, c[0] - HALF)});
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.4 a non-numeric bbox, radius or lat -> 400 with an error document")
    void nonNumeric(Fmt f) {
        double[] c = Ext.freshPoint();
        allRejected(
                f,
                new String[] {"bbox", "west,south,east,north"},
                new String[] {
                    "bbox",
                    Ext.bbox(c[1] - HALF, c[0] - HALF, c[1] + HALF, c[0] + HALF).replaceFirst("^[^,]+", "abc")
                },
                new String[] {"lat", Ext.coord(c[0]), "long", Ext.coord(c[1]), "radius", "abc"},
                new String[] {"lat", "north", "long", Ext.coord(c[1]), "radius", "100"});
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("6.4 radius above the server's maximum (1000000 m) -> 400 with an error document")
    void radiusAboveMaximum(Fmt f) {
        double[] c = Ext.freshPoint();
        allRejected(f, circle(c, "1000000"));
    }
}
