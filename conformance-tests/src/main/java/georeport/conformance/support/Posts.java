package georeport.conformance.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;

import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.str;

/** Builds valid and invalid POST Service Request bodies from the learned service definitions. */
public final class Posts {

    private Posts() {}

    /** Skips the calling check when no API key is configured or the endpoint is a production one. */
    public static void requirePosting() {
        Config c = Config.server();
        Assumptions.assumeTrue(
                c.apiKey != null, "no API key given (-Dopen311.apiKey / OPEN311_API_KEY): POST checks need one");
        Assumptions.assumeFalse(
                "production".equals(Server.endpointType()) && !c.allowProductionPosts,
                "discovery lists " + c.base + " as a production endpoint: POST checks would file real requests "
                        + "(pass -Dopen311.allowProductionPosts=true to run them anyway)");
    }

    /** The bare minimum: key, code, a location and a description. */
    public static Form base(Server.Service s) {
        Form f = Form.of("api_key", Config.get().apiKey, "service_code", s.code());
        double[] loc = Server.location();
        if (loc != null) {
            f.add("lat", coord(loc[0])).add("long", coord(loc[1]));
        } else {
            f.add("address_string", "1 Main Street");
        }
        f.add("description", "Open311 conformance check " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        return f;
    }

    /** base() plus a valid value for every required (and, if asked, every optional) variable attribute. */
    public static Form valid(Server.Service s, boolean optionalToo) {
        Form f = base(s);
        for (Server.Attr a : Server.model().attrs(s)) {
            if (a.variable() && (a.required() || optionalToo)) {
                f.add("attribute[" + a.code() + "]", validValue(a));
            }
        }
        return f;
    }

    public static String coord(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }

    /** A value every conforming server must accept for this datatype. */
    public static String validValue(Server.Attr a) {
        return switch (a.datatype()) {
            case "number" -> "3";
            case "datetime" -> Dates.utc(Instant.now().minus(1, ChronoUnit.HOURS));
            case "text" -> "Open311 conformance check\nsecond line";
            case "singlevaluelist", "multivaluelist" ->
                a.keys().isEmpty() ? "x" : a.keys().get(0);
            default -> "Open311 conformance check";
        };
    }

    public static Http.Response post(Fmt fmt, Form f) {
        return Api.call("POST", "requests." + fmt.suffix).form(f);
    }

    /**
     * Asserts an accepted POST (200-202, a parseable service_requests answer holding one request) and returns that
     * request. The answer's schema is judged by the dedicated 2.4 checks ({@link #acceptedStrict}).
     */
    public static JsonNode accepted(Http.Response r, Fmt fmt) {
        Docs.Doc d = Docs.parsed(r, DocKind.POST_RESPONSE, fmt, 200, 201, 202);
        if (items(d.tree()).size() != 1) {
            Assertions.fail("a POST answer must hold exactly one request: " + r.describe());
        }
        return items(d.tree()).get(0);
    }

    /** Asserts an accepted POST whose answer is a valid POST answer document (XSD / JSON Schema and rules). */
    public static JsonNode acceptedStrict(Http.Response r, Fmt fmt) {
        Docs.Doc d = Docs.expect(r, DocKind.POST_RESPONSE, fmt, 200, 201, 202);
        return items(d.tree()).get(0);
    }

    /** Asserts the spec 2.4 rule for the service type: realtime -> id, no token; batch -> token, no id; blackbox -> neither. */
    public static void assertTypeRule(Server.Service s, JsonNode answer, Http.Response r) {
        String id = str(answer, "service_request_id");
        String token = str(answer, "token");
        switch (s.type()) {
            case "realtime" ->
                Assertions.assertTrue(
                        id != null && token == null,
                        "realtime service " + s.code() + " must answer service_request_id and no token; got "
                                + r.describe());
            case "batch" ->
                Assertions.assertTrue(
                        token != null && id == null,
                        "batch service " + s.code() + " must answer a token and no service_request_id; got "
                                + r.describe());
            case "blackbox" ->
                Assertions.assertTrue(
                        token == null && id == null,
                        "blackbox service " + s.code() + " must answer neither service_request_id nor token; got "
                                + r.describe());
            default -> Assertions.fail("unknown service type " + s.type());
        }
    }

    /** Posts a valid request and returns the answer record (asserting success). */
    public static JsonNode create(Server.Service s, Fmt fmt, Form f) {
        return accepted(post(fmt, f), fmt);
    }

    /** The first two keys of a list attribute (skips the check when it offers fewer than two). */
    public static List<String> twoKeys(Server.Attr a) {
        Assumptions.assumeTrue(a.keys().size() >= 2, "attribute " + a.code() + " offers fewer than two values");
        return a.keys().subList(0, 2);
    }
}
