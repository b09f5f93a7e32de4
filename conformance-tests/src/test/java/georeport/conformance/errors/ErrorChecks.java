package georeport.conformance.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

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
import georeport.conformance.support.Posts;
import georeport.conformance.support.Server;
import georeport.conformance.support.Trees;

import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The error matrix (docs section 4.2): every error condition with its HTTP status and a valid error document in the
 * format of the requested suffix.
 */
@DisplayName("errors")
class ErrorChecks {

    static final String UNKNOWN_JURISDICTION = "conformance-no-such-jurisdiction.invalid";

    static Server.Service realtime() {
        Posts.requirePosting();
        return Server.model().require("realtime");
    }

    static Docs.Doc postError(Fmt f, Form form, int status) {
        return Docs.expectError(Posts.post(f, form), status, f);
    }

    static Form valid() {
        return Posts.valid(realtime(), false);
    }

    // ------------------------------------------------------------------ api_key (403)

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST without api_key -> 403 error document")
    void missingKey(Fmt f) {
        postError(f, valid().remove("api_key"), 403);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST with an invalid api_key -> 403 error document")
    void invalidKey(Fmt f) {
        postError(f, valid().set("api_key", "conformance-invalid-key-" + System.nanoTime()), 403);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST with api_key= (empty) -> 403 error document")
    void emptyKey(Fmt f) {
        postError(f, valid().set("api_key", ""), 403);
    }

    // ------------------------------------------------------------------ service_code

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST without service_code -> 400 error document")
    void missingServiceCode(Fmt f) {
        postError(f, valid().remove("service_code"), 400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST with service_code= (empty) -> 400 error document")
    void emptyServiceCode(Fmt f) {
        postError(f, valid().set("service_code", ""), 400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST with an unknown service_code -> 404 error document")
    void unknownServiceCode(Fmt f) {
        postError(f, valid().set("service_code", "CONFORMANCE-NO-SUCH-CODE"), 404);
    }

    // ------------------------------------------------------------------ location

    static Form noLocation() {
        return valid().remove("lat").remove("long").remove("address_string").remove("address_id");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST without any location (lat/long, address_string, address_id) -> 400 error document")
    void noLocationAtAll(Fmt f) {
        postError(f, noLocation(), 400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST with only lat, or only long -> 400 error document")
    void halfCoordinates(Fmt f) {
        double[] loc = Server.requireLocation();
        postError(f, noLocation().add("lat", Posts.coord(loc[0])), 400);
        postError(f, noLocation().add("long", Posts.coord(loc[1])), 400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST with lat=91, long=181 or lat=abc -> 400 error document")
    void badCoordinates(Fmt f) {
        double[] loc = Server.requireLocation();
        postError(f, noLocation().add("lat", "91").add("long", Posts.coord(loc[1])), 400);
        postError(f, noLocation().add("lat", Posts.coord(loc[0])).add("long", "181"), 400);
        postError(f, noLocation().add("lat", "abc").add("long", Posts.coord(loc[1])), 400);
    }

    // ------------------------------------------------------------------ attributes

    static Map.Entry<Server.Service, Server.Attr> attr(String what, Predicate<Server.Attr> p) {
        Posts.requirePosting();
        return Server.model().requireAttr(what, p);
    }

    static Form withAttr(Map.Entry<Server.Service, Server.Attr> e, String value) {
        Form f = Posts.valid(e.getKey(), false).removeAttribute(e.getValue().code());
        return value == null ? f : f.add("attribute[" + e.getValue().code() + "]", value);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "4.2 POST missing a required attribute -> 400 error document whose description names the attribute code")
    void missingRequiredAttribute(Fmt f) {
        Map.Entry<Server.Service, Server.Attr> e =
                attr("a required variable attribute", a -> a.variable() && a.required());
        Docs.Doc d = postError(f, withAttr(e, null), 400);
        assertTrue(
                Docs.descriptions(d).contains(e.getValue().code()),
                "the error should name " + e.getValue().code() + ": " + Docs.descriptions(d));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST with a required attribute sent empty (attribute[X]=) -> 400 error document")
    void emptyRequiredAttribute(Fmt f) {
        Map.Entry<Server.Service, Server.Attr> e =
                attr("a required variable attribute", a -> a.variable() && a.required());
        postError(f, withAttr(e, ""), 400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST with a singlevaluelist value that is not a key -> 400 error document")
    void singleValueNotAKey(Fmt f) {
        postError(
                f,
                withAttr(
                        attr(
                                "a singlevaluelist attribute",
                                a -> a.variable() && a.datatype().equals("singlevaluelist")),
                        "conformance-no-such-key"),
                400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST with two values for a singlevaluelist -> 400 error document")
    void singleValueTwice(Fmt f) {
        Map.Entry<Server.Service, Server.Attr> e = attr(
                "a singlevaluelist attribute with two values",
                a -> a.variable()
                        && a.datatype().equals("singlevaluelist")
                        && a.keys().size() >= 2);
        Form form = withAttr(e, e.getValue().keys().get(0))
                .add(
                        "attribute[" + e.getValue().code() + "]",
                        e.getValue().keys().get(1));
        postError(f, form, 400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST with a multivaluelist value that is not a key -> 400 error document")
    void multiValueNotAKey(Fmt f) {
        postError(
                f,
                withAttr(
                        attr(
                                "a multivaluelist attribute",
                                a -> a.variable() && a.datatype().equals("multivaluelist")),
                        "conformance-no-such-key"),
                400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST with number attribute 'abc' -> 400 error document")
    void numberNotANumber(Fmt f) {
        postError(
                f,
                withAttr(
                        attr(
                                "a number attribute",
                                a -> a.variable() && a.datatype().equals("number")),
                        "abc"),
                400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "4.2 POST with datetime attribute 'not-a-date' -> 400 error document (must be transformable to ISO 8601)")
    void datetimeNotADate(Fmt f) {
        postError(
                f,
                withAttr(
                        attr(
                                "a datetime attribute",
                                a -> a.variable() && a.datatype().equals("datetime")),
                        "not-a-date"),
                400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "4.2 POST with a description of 4001 characters -> 400 error document (or a stored text of at most 4000)")
    void description4001(Fmt f) {
        Http.Response r = Posts.post(f, valid().set("description", "y".repeat(4001)));
        if (r.status() >= 200 && r.status() < 300) {
            JsonNode a = Posts.accepted(r, f);
            String id = str(a, "service_request_id");
            Http.Response g = Api.get("requests/" + Http.seg(id) + ".json").send();
            String stored =
                    str(items(Docs.expect(g, DocKind.REQUESTS, Fmt.JSON).tree()).get(0), "description");
            assertTrue(
                    stored == null || stored.length() <= 4000,
                    "4001 characters were accepted and stored whole (max 4000): " + r.describe());
            return;
        }
        Docs.expectError(r, 400, f);
    }

    // ------------------------------------------------------------------ jurisdiction

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "4.2 unknown jurisdiction_id -> 404 error document on services, services/{code}, requests, requests/{id}, tokens/{token}")
    void unknownJurisdictionGet(Fmt f) {
        Server.Model m = Server.model();
        List<String> paths = new ArrayList<>();
        paths.add("services");
        if (!m.services.isEmpty()) {
            paths.add("services/" + Http.seg(m.services.get(0).code()));
        }
        paths.add("requests");
        List<String> ids = Fixtures.someIds(1);
        paths.add("requests/" + Http.seg(ids.get(0)));
        List<String> failures = new ArrayList<>();
        for (String p : paths) {
            Http.Response r = Api.get(p + "." + f.suffix)
                    .param("jurisdiction_id", UNKNOWN_JURISDICTION)
                    .send();
            try {
                Docs.expectError(r, 404, f);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        if (Config.get().apiKey != null && Server.model().ofType("batch").isPresent()) {
            try {
                String token = Fixtures.batch().token();
                Docs.expectError(
                        Api.get("tokens/" + Http.seg(token) + "." + f.suffix)
                                .param("jurisdiction_id", UNKNOWN_JURISDICTION)
                                .send(),
                        404,
                        f);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), String.join(" || ", failures));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 POST with an unknown jurisdiction_id -> 404 error document")
    void unknownJurisdictionPost(Fmt f) {
        postError(f, valid().set("jurisdiction_id", UNKNOWN_JURISDICTION), 404);
    }

    @Test
    @DisplayName("4.2 jurisdiction_id missing where the server requires it -> 400 error document")
    void missingJurisdiction() {
        Config.server();
        Http.Response r = Api.get("services.xml").noJurisdiction().send();
        Checks.skipIf(
                r.status() == 200,
                "the server answers without jurisdiction_id (single jurisdiction): it is optional here");
        Docs.expectError(r, 400, Fmt.XML);
    }

    // ------------------------------------------------------------------ unknown resources (404)

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 services/{unknown code} -> 404 error document")
    void unknownDefinition(Fmt f) {
        Docs.expectError(
                Api.get("services/CONFORMANCE-NO-SUCH-CODE." + f.suffix).send(), 404, f);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 requests/{unknown id} -> 404 error document")
    void unknownRequest(Fmt f) {
        Docs.expectError(
                Api.get("requests/CONFORMANCE-NO-SUCH-ID-" + System.nanoTime() + "." + f.suffix)
                        .send(),
                404,
                f);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 tokens/{unknown token} -> 404 error document")
    void unknownToken(Fmt f) {
        Docs.expectError(
                Api.get("tokens/conformance-no-such-token-" + System.nanoTime() + "." + f.suffix)
                        .send(),
                404,
                f);
    }

    // ------------------------------------------------------------------ bad GET parameters (400)

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 GET requests with status=pending -> 400 error document")
    void badStatus(Fmt f) {
        Docs.expectError(
                Api.get("requests." + f.suffix).param("status", "pending").send(), 400, f);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "1.3/4.2 garbage start_date/end_date (garbage, 2024-13-45T00:00:00Z, 2024-05-01T25:00:00Z, 05/01/2024, 1714557600) -> 400")
    void badDates(Fmt f) {
        List<String> failures = new ArrayList<>();
        for (String param : List.of("start_date", "end_date")) {
            for (String v :
                    List.of("garbage", "2024-13-45T00:00:00Z", "2024-05-01T25:00:00Z", "05/01/2024", "1714557600")) {
                try {
                    Docs.expectError(
                            Api.get("requests." + f.suffix).param(param, v).send(), 400, f);
                } catch (AssertionError e) {
                    failures.add(param + "=" + v + ": " + e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " bad dates not rejected: " + String.join(" || ", failures));
    }

    @Test
    @DisplayName("4.1 the error code equals the HTTP status (recommendation)")
    void codeEqualsStatus() {
        Checks.recommendation();
        List<Http.Response> sample = new ArrayList<>();
        sample.add(Api.get("services/CONFORMANCE-NO-SUCH-CODE.json").send());
        sample.add(Api.get("requests.json").param("start_date", "garbage").send());
        if (Config.get().apiKey != null) {
            sample.add(Posts.post(Fmt.JSON, Form.of("service_code", "X")));
        }
        for (Http.Response r : sample) {
            Docs.Doc d = Docs.validBody(r, DocKind.ERRORS, Fmt.JSON);
            for (JsonNode e : items(d.tree())) {
                assertEquals(
                        String.valueOf(r.status()),
                        Trees.num(e, "code").toPlainString(),
                        "error code vs HTTP status in " + r.describe());
            }
        }
    }

    // ------------------------------------------------------------------ methods and media types

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("4.2 a wrong HTTP method -> 405 with an Allow header and an error document")
    void wrongMethod(Fmt f) {
        Config.server();
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"DELETE", "requests"});
        cases.add(new String[] {"PUT", "requests"});
        cases.add(new String[] {"POST", "services"});
        cases.add(new String[] {"DELETE", "services"});
        Server.Model m = Server.model();
        if (!m.services.isEmpty()) {
            cases.add(new String[] {
                "POST", "services/" + Http.seg(m.services.get(0).code())
            });
        }
        cases.add(
                new String[] {"POST", "requests/" + Http.seg(Fixtures.someIds(1).get(0))});
        cases.add(new String[] {"POST", "tokens/conformance-token"});
        String discovery = Server.discovery();
        if (discovery != null) {
            cases.add(new String[] {"POST", discovery + "." + f.suffix});
        }
        List<String> failures = new ArrayList<>();
        for (String[] c : cases) {
            Api.Call call = c[1].contains("://") ? Api.url(c[0], c[1]) : Api.call(c[0], c[1] + "." + f.suffix);
            Http.Response r = call.raw("application/x-www-form-urlencoded", "x=1");
            try {
                Docs.expectError(r, 405, f);
                String allow = r.header("Allow").orElse(null);
                assertTrue(
                        allow != null && !allow.isBlank(),
                        "405 without an Allow header (RFC 9110 requires it): " + r.describe());
                assertTrue(
                        !allow.toUpperCase(Locale.ROOT).contains(c[0]),
                        "Allow: " + allow + " lists the refused method " + c[0]);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertTrue(
                failures.isEmpty(),
                failures.size() + " of " + cases.size() + " wrong-method calls: " + String.join(" || ", failures));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "4.2 POST with a JSON body (neither form-urlencoded nor multipart) -> 415 error document (recommendation)")
    void unsupportedMediaType(Fmt f) {
        Checks.recommendation();
        Posts.requirePosting();
        Server.Service s = realtime();
        String body = "{\"api_key\":\"" + Config.get().apiKey + "\",\"service_code\":\"" + s.code()
                + "\",\"address_string\":\"1 Main Street\"}";
        Docs.expectError(Api.call("POST", "requests." + f.suffix).raw("application/json", body), 415, f);
    }
}
