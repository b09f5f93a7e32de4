package georeport.conformance.extensions;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;

import com.fasterxml.jackson.databind.JsonNode;

import georeport.conformance.support.Api;
import georeport.conformance.support.Dates;
import georeport.conformance.support.DocKind;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Form;
import georeport.conformance.support.Http;
import georeport.conformance.support.Posts;
import georeport.conformance.support.Server;

import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Shared by the extension checks (docs section 6): the requests each check posts for itself, at a point of its own,
 * GET requests calls and the paging headers. Every answer is validated by the suite's schemas.
 */
final class Ext {

    static final SecureRandom RANDOM = new SecureRandom();
    /** Metres per degree of latitude (mean Earth radius 6371008.8 m). */
    static final double METRES_PER_DEGREE = 111_195.08;

    private Ext() {}

    /** A request the check posted: its id and the location it was posted with (null when posted without one). */
    record Posted(String id, Double lat, Double lon, Form form, Http.Response response) {}

    /** Data a check class creates once and shares between its checks; a failure to create it is remembered. */
    static final class Memo<T> {
        private final Supplier<T> make;
        private T value;
        private AssertionError error;

        Memo(Supplier<T> make) {
            this.make = make;
        }

        synchronized T get() {
            if (value == null && error == null) {
                try {
                    value = make.get();
                } catch (AssertionError e) {
                    error = e;
                }
            }
            if (value == null) {
                throw new AssertionError("could not create the check's own data: " + error.getMessage(), error);
            }
            return value;
        }
    }

    // ------------------------------------------------------------------ posting

    static String description(String what) {
        return "Open311 conformance check (extensions: " + what + ") "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** A word no other request holds: letters only, so any full-text tokenizer keeps it whole. */
    static String uniqueWord() {
        StringBuilder sb = new StringBuilder("zq");
        for (int i = 0; i < 14; i++) {
            sb.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return sb.toString();
    }

    /** A point inside the city (learned or configured) shifted by up to about 300 m, so every run has its own spot. */
    static double[] freshPoint() {
        double[] c = Server.requireLocation();
        double dLat = (RANDOM.nextDouble() * 2 - 1) * 300 / METRES_PER_DEGREE;
        double dLon = (RANDOM.nextDouble() * 2 - 1) * 300 / (METRES_PER_DEGREE * Math.cos(Math.toRadians(c[0])));
        return new double[] {round6(c[0] + dLat), round6(c[1] + dLon)};
    }

    /** The point that lies the given distance north of p. */
    static double[] north(double[] p, double metres) {
        return new double[] {round6(p[0] + metres / METRES_PER_DEGREE), p[1]};
    }

    static double round6(double d) {
        return Math.round(d * 1e6) / 1e6;
    }

    static String coord(double d) {
        return Posts.coord(d);
    }

    /** Posts a valid request of a realtime service at (lat, long) with this description; asserts it got an id. */
    static Posted postAt(double lat, double lon, String description) {
        Form f = Posts.valid(Server.model().require("realtime"), false)
                .set("lat", coord(lat))
                .set("long", coord(lon))
                .remove("address_string")
                .remove("address_id")
                .set("description", description);
        return post(f, lat, lon);
    }

    /** Posts a valid request of a realtime service located by address_string only (no lat/long). */
    static Posted postAddressOnly(String description) {
        Form f = Posts.valid(Server.model().require("realtime"), false)
                .remove("lat")
                .remove("long")
                .remove("address_id")
                .set("address_string", "1 Main Street")
                .set("description", description);
        return post(f, null, null);
    }

    private static Posted post(Form f, Double lat, Double lon) {
        Http.Response r = Posts.post(Fmt.JSON, f);
        JsonNode a = Posts.accepted(r, Fmt.JSON);
        String id = str(a, "service_request_id");
        if (id == null) {
            throw new AssertionError("a realtime POST must answer a service_request_id: " + r.describe());
        }
        return new Posted(id, lat, lon, f, r);
    }

    // ------------------------------------------------------------------ reading

    static Http.Response get(String path, String... kv) {
        Api.Call c = Api.get(path);
        for (int i = 0; i + 1 < kv.length; i += 2) {
            c.param(kv[i], kv[i + 1]);
        }
        return c.send();
    }

    /** GET requests.{fmt} with these parameters: a valid request list. */
    static Docs.Doc list(Fmt f, String... kv) {
        return Docs.expect(get("requests." + f.suffix, kv), DocKind.REQUESTS, f);
    }

    static List<String> ids(Docs.Doc d) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : items(d.tree())) {
            out.add(str(r, "service_request_id"));
        }
        return out;
    }

    /** The record of id in a list, or null. */
    static JsonNode find(Docs.Doc d, String id) {
        return items(d.tree()).stream()
                .filter(r -> id.equals(str(r, "service_request_id")))
                .findFirst()
                .orElse(null);
    }

    /** GET requests/{id}.{fmt} with these parameters: a valid list holding exactly that request. */
    static JsonNode one(String id, Fmt f, String... kv) {
        Docs.Doc d = Docs.expect(get("requests/" + Http.seg(id) + "." + f.suffix, kv), DocKind.REQUESTS, f);
        assertEquals(
                1,
                items(d.tree()).size(),
                "requests/{id} must hold exactly one request: " + d.response().describe());
        assertEquals(
                id,
                str(items(d.tree()).get(0), "service_request_id"),
                "requests/{id} answers another request: " + d.response().describe());
        return items(d.tree()).get(0);
    }

    static Instant requested(JsonNode r) {
        OffsetDateTime t = Dates.parse(str(r, "requested_datetime"));
        if (t == null) {
            throw new AssertionError("requested_datetime '" + str(r, "requested_datetime") + "' of "
                    + str(r, "service_request_id") + " is not a W3C datetime");
        }
        return t.toInstant();
    }

    /**
     * start_date and end_date of a window holding the posted requests: their requested_datetime as the server reads it
     * back, one second either side (output may be truncated to seconds). Requests posted later fall outside, so the
     * window's list stays the same while a check pages through it.
     */
    static String[] window(List<Posted> posted) {
        Instant min = null;
        Instant max = null;
        for (Posted p : posted) {
            Instant t = requested(one(p.id(), Fmt.JSON));
            min = min == null || t.isBefore(min) ? t : min;
            max = max == null || t.isAfter(max) ? t : max;
        }
        return new String[] {Dates.utc(min.minusSeconds(1)), Dates.utc(max.plusSeconds(2))};
    }

    static String[] concat(String[] a, String... b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    // ------------------------------------------------------------------ geometry

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double r = 6371008.8;
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * r * Math.asin(Math.sqrt(a));
    }

    /** bbox=minLon,minLat,maxLon,maxLat (docs 6.4). */
    static String bbox(double minLon, double minLat, double maxLon, double maxLat) {
        return String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", minLon, minLat, maxLon, maxLat);
    }

    // ------------------------------------------------------------------ paging headers

    private static final Pattern LINK = Pattern.compile("<([^>]*)>([^<]*)");
    private static final Pattern REL = Pattern.compile("(?i)\\brel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

    /** The absolute URL of the Link header's rel="next" target (RFC 8288), if any. */
    static Optional<String> nextLink(Http.Response r) {
        String all = String.join(",", r.headers().allValues("link"));
        Matcher m = LINK.matcher(all);
        while (m.find()) {
            Matcher rel = REL.matcher(m.group(2));
            if (rel.find()) {
                String v = rel.group(1) != null ? rel.group(1) : rel.group(2);
                if (Arrays.asList(v.toLowerCase(Locale.ROOT).trim().split("\\s+"))
                        .contains("next")) {
                    try {
                        return Optional.of(
                                URI.create(r.url()).resolve(m.group(1).trim()).toString());
                    } catch (IllegalArgumentException e) {
                        Assertions.fail("the rel=\"next\" Link target <" + m.group(1) + "> is not a URI reference: "
                                + r.describe());
                    }
                }
            }
        }
        return Optional.empty();
    }

    static Optional<String> nextToken(Http.Response r) {
        return r.header("X-Next-Page-Token").map(String::trim).filter(s -> !s.isEmpty());
    }

    /** "Link: …; X-Next-Page-Token: …" of an answer, for failure messages. */
    static String pagingHeaders(Http.Response r) {
        return "Link: " + r.headers().allValues("link") + ", X-Next-Page-Token: "
                + r.headers().allValues("x-next-page-token");
    }
}
