package georeport.conformance.postrequest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import georeport.conformance.support.Api;
import georeport.conformance.support.Checks;
import georeport.conformance.support.Dates;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST Service Request (spec 2.4, attributes 3.1-3.3). Valid bodies are built from the learned definitions; checks that
 * need a service type or datatype the server does not offer are skipped. Rejections are in the errors package.
 */
@DisplayName("postrequest")
class PostRequestChecks {

    static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @BeforeEach
    void needsKey() {
        Posts.requirePosting();
    }

    /** GET requests/{id}.json of a request the suite created: the single record. */
    static JsonNode fetch(String id) {
        Http.Response r = Api.get("requests/" + Http.seg(id) + ".json").send();
        Docs.Doc d = Docs.expect(r, DocKind.REQUESTS, Fmt.JSON);
        assertEquals(1, items(d.tree()).size(), "requests/{id} must hold exactly one request: " + r.describe());
        return items(d.tree()).get(0);
    }

    /** Posts to a realtime service, asserts success and returns the answer. */
    static JsonNode postOk(Fmt f, Form form) {
        Http.Response r = Posts.post(f, form);
        return Posts.accepted(r, f);
    }

    static Map.Entry<Server.Service, Server.Attr> attr(String datatype) {
        return Server.model()
                .requireAttr(
                        "a variable " + datatype + " attribute",
                        a -> a.variable() && a.datatype().equals(datatype));
    }

    /** A valid body for the attribute's service with that attribute set to the given value(s). */
    static Form withAttr(Map.Entry<Server.Service, Server.Attr> e, String... values) {
        Form f = Posts.valid(e.getKey(), false).removeAttribute(e.getValue().code());
        for (String v : values) {
            f.add("attribute[" + e.getValue().code() + "]", v);
        }
        return f;
    }

    // ------------------------------------------------------------------ answers per service type

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "2.4 realtime service: POST requests.{xml,json} answers a valid document: one request with service_request_id and no token")
    void realtimeAnswer(Fmt f) {
        Server.Service s = Server.model().require("realtime");
        Http.Response r = Posts.post(f, Posts.valid(s, false));
        Posts.assertTypeRule(s, Posts.acceptedStrict(r, f), r);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "2.4 batch service: POST requests.{xml,json} answers a valid document: one request with a token and no service_request_id")
    void batchAnswer(Fmt f) {
        Server.Service s = Server.model().require("batch");
        Http.Response r = Posts.post(f, Posts.valid(s, false));
        Posts.assertTypeRule(s, Posts.acceptedStrict(r, f), r);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "2.4 blackbox service: POST requests.{xml,json} answers a valid document: one request with neither service_request_id nor token")
    void blackboxAnswer(Fmt f) {
        Server.Service s = Server.model().require("blackbox");
        Http.Response r = Posts.post(f, Posts.valid(s, false));
        Posts.assertTypeRule(s, Posts.acceptedStrict(r, f), r);
    }

    @Test
    @DisplayName(
            "2.4 the created request is retrievable via requests/{id} with the posted values, status open, requested_datetime ≈ now")
    void createdIsRetrievable() {
        Fixtures.Created c = Fixtures.realtime();
        JsonNode r = fetch(c.id());
        assertEquals(c.id(), str(r, "service_request_id"), "service_request_id");
        assertEquals(c.service().code(), str(r, "service_code"), "service_code");
        assertEquals("open", str(r, "status"), "status of a new request");
        assertEquals(c.form().get("description"), str(r, "description"), "description");
        if (c.form().has("lat")) {
            BigDecimal lat = Trees.num(r, "lat");
            BigDecimal lon = Trees.num(r, "long");
            assertNotNull(lat, "lat missing in " + r);
            assertNotNull(lon, "long missing in " + r);
            assertTrue(
                    Math.abs(lat.doubleValue() - Double.parseDouble(c.form().get("lat"))) <= 1e-6,
                    "lat " + lat + " vs posted " + c.form().get("lat"));
            assertTrue(
                    Math.abs(lon.doubleValue() - Double.parseDouble(c.form().get("long"))) <= 1e-6,
                    "long " + lon + " vs posted " + c.form().get("long"));
        }
        OffsetDateTime t = Dates.parse(str(r, "requested_datetime"));
        assertNotNull(t, "requested_datetime " + str(r, "requested_datetime") + " is not a W3C datetime with zone");
        Instant i = t.toInstant();
        assertTrue(
                i.isAfter(c.postedAt().minus(Duration.ofMinutes(10)))
                        && i.isBefore(Instant.now().plus(Duration.ofMinutes(10))),
                "requested_datetime " + t + " is not close to the time of posting " + c.postedAt());
    }

    // ------------------------------------------------------------------ location forms

    @Test
    @DisplayName("2.4 lat+long alone is a full location")
    void latLongAlone() {
        Server.Service s = Server.model().require("realtime");
        double[] loc = Server.requireLocation();
        Form f = Posts.valid(s, false)
                .remove("address_string")
                .remove("address_id")
                .set("lat", Posts.coord(loc[0]))
                .set("long", Posts.coord(loc[1]));
        postOk(Fmt.JSON, f);
    }

    @Test
    @DisplayName("2.4 address_string alone is a full location")
    void addressStringAlone() {
        Server.Service s = Server.model().require("realtime");
        Form f = Posts.valid(s, false).remove("lat").remove("long").set("address_string", "1 Main Street");
        postOk(Fmt.JSON, f);
    }

    @Test
    @DisplayName("2.4 address_id alone is a full location")
    void addressIdAlone() {
        Server.Service s = Server.model().require("realtime");
        Form f = Posts.valid(s, false)
                .remove("lat")
                .remove("long")
                .remove("address_string")
                .set("address_id", "CONFORMANCE-ADDR-1");
        postOk(Fmt.JSON, f);
    }

    @Test
    @DisplayName("2.4 address_string is returned as address by requests/{id} (recommendation)")
    void addressStringReturnedAsAddress() {
        Checks.recommendation();
        Server.Service s = Server.model().require("realtime");
        String address = "12 Conformance Street";
        JsonNode a = postOk(Fmt.JSON, Posts.valid(s, false).set("address_string", address));
        assertEquals(address, str(fetch(str(a, "service_request_id")), "address"), "address of the created request");
    }

    // ------------------------------------------------------------------ optional fields

    @Test
    @DisplayName(
            "2.4 optional fields email, device_id, account_id, first_name, last_name, phone, media_url are accepted")
    void optionalFields() {
        Server.Service s = Server.model().require("realtime");
        Form f = Posts.valid(s, false)
                .add("email", "conformance@example.org")
                .add("device_id", "conformance-device")
                .add("account_id", "conformance-account")
                .add("first_name", "Conny")
                .add("last_name", "Formance")
                .add("phone", "+1 555 0100")
                .add("media_url", "https://example.org/conformance.jpg");
        postOk(Fmt.XML, f);
    }

    @Test
    @DisplayName("2.4 a posted media_url is returned by requests/{id} (recommendation)")
    void mediaUrlReturned() {
        Checks.recommendation();
        Server.Service s = Server.model().require("realtime");
        String url = "https://example.org/conformance-" + System.nanoTime() + ".jpg";
        JsonNode a = postOk(Fmt.JSON, Posts.valid(s, false).add("media_url", url));
        JsonNode r = fetch(str(a, "service_request_id"));
        assertEquals(url, str(r, "media_url"), "media_url of the created request");
    }

    @Test
    @DisplayName(
            "1.4 optional parameters sent empty (email=, device_id=, account_id=, first_name=, last_name=, phone=, media_url=, "
                    + "address_id=, jurisdiction_id=) are treated as absent")
    void emptyOptionalParameters() {
        Server.Service s = Server.model().require("realtime");
        Form f = Posts.valid(s, false);
        for (String p : List.of(
                "email", "device_id", "account_id", "first_name", "last_name", "phone", "media_url", "address_id")) {
            f.add(p, "");
        }
        if (f.has("lat")) {
            f.add("address_string", "");
        }
        f.set("jurisdiction_id", "");
        JsonNode a = postOk(Fmt.JSON, f);
        String id = str(a, "service_request_id");
        JsonNode r = fetch(id);
        assertTrue(str(r, "media_url") == null, "media_url= (empty) must not produce a media_url: " + r);
    }

    @Test
    @DisplayName("2.4 a description of exactly 4000 characters is accepted and returned whole")
    void description4000() {
        Server.Service s = Server.model().require("realtime");
        String d = "x".repeat(3990) + " 4000 end.";
        assertEquals(4000, d.length());
        JsonNode a = postOk(Fmt.JSON, Posts.valid(s, false).set("description", d));
        assertEquals(d, str(fetch(str(a, "service_request_id")), "description"), "the 4000-character description");
    }

    // ------------------------------------------------------------------ datatypes (3.1)

    @Test
    @DisplayName("3.1 string attribute: a single-line value is accepted")
    void stringAttribute() {
        postOk(Fmt.JSON, withAttr(attr("string"), "Lane 2, northbound"));
    }

    @Test
    @DisplayName("3.1 text attribute: a multi-line value is accepted")
    void textAttribute() {
        postOk(Fmt.JSON, withAttr(attr("text"), "First line\r\nSecond line\nThird line"));
    }

    @Test
    @DisplayName("3.1 number attribute: 4.5 is accepted")
    void numberDecimal() {
        postOk(Fmt.JSON, withAttr(attr("number"), "4.5"));
    }

    @Test
    @DisplayName("3.1 number attribute: an integer and a negative number are accepted")
    void numberIntegerNegative() {
        postOk(Fmt.JSON, withAttr(attr("number"), "12"));
        postOk(Fmt.JSON, withAttr(attr("number"), "-2.25"));
    }

    @Test
    @DisplayName("3.1 datetime attribute: W3C datetime with Z is accepted")
    void datetimeZ() {
        postOk(Fmt.JSON, withAttr(attr("datetime"), Dates.utc(Instant.now().minus(2, ChronoUnit.HOURS))));
    }

    @Test
    @DisplayName("3.1 datetime attribute: W3C datetime with an offset (-05:00) is accepted")
    void datetimeOffset() {
        postOk(
                Fmt.JSON,
                withAttr(
                        attr("datetime"),
                        Dates.withOffset(Instant.now().minus(2, ChronoUnit.HOURS), ZoneOffset.ofHours(-5))));
    }

    @Test
    @DisplayName("3.1 singlevaluelist attribute: each listed key is accepted")
    void singleValueKeys() {
        Map.Entry<Server.Service, Server.Attr> e = attr("singlevaluelist");
        // a list attribute without keys would post nothing and pass
        assertTrue(
                !e.getValue().keys().isEmpty(),
                "singlevaluelist attribute " + e.getValue().code() + " of "
                        + e.getKey().code() + " lists no keys to check: the check would pass vacuously");
        for (String key :
                e.getValue().keys().subList(0, Math.min(3, e.getValue().keys().size()))) {
            postOk(Fmt.JSON, withAttr(e, key));
        }
    }

    @Test
    @DisplayName("3.2 an optional attribute sent empty (attribute[X]=) is treated as absent")
    void emptyOptionalAttribute() {
        Map.Entry<Server.Service, Server.Attr> e =
                Server.model().requireAttr("an optional variable attribute", a -> a.variable() && !a.required());
        postOk(Fmt.JSON, withAttr(e, ""));
    }

    @Test
    @DisplayName("3.2 every variable attribute of every service filled with a valid value is accepted")
    void allAttributesOfAllServices() {
        List<String> failures = new ArrayList<>();
        Server.Model m = Server.model();
        int tried = 0;
        for (Server.Service s : m.services) {
            if (!m.postable(s) || m.attrs(s).isEmpty()) {
                continue;
            }
            tried++;
            Http.Response r = Posts.post(Fmt.JSON, Posts.valid(s, true));
            try {
                Posts.accepted(r, Fmt.JSON);
            } catch (AssertionError e) {
                failures.add(s.code() + ": " + e.getMessage());
            }
        }
        Checks.skipIf(tried == 0, "no service has attributes");
        assertTrue(failures.isEmpty(), String.join(" || ", failures));
    }

    // ------------------------------------------------------------------ multivaluelist encodings (3.2)

    enum Encoding {
        BRACKETS("attribute[C][]=a&attribute[C][]=b (spec)"),
        REPEATED("attribute[C]=a&attribute[C]=b (FixMyStreet)"),
        COMMA("attribute[C]=a,b (Libre311, .NET)");

        final String label;

        Encoding(String label) {
            this.label = label;
        }

        Form apply(Form f, String code, List<String> values) {
            switch (this) {
                case BRACKETS -> values.forEach(v -> f.add("attribute[" + code + "][]", v));
                case REPEATED -> values.forEach(v -> f.add("attribute[" + code + "]", v));
                case COMMA -> f.add("attribute[" + code + "]", String.join(",", values));
            }
            return f;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static Map.Entry<Server.Service, Server.Attr> multi() {
        return attr("multivaluelist");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Encoding.class)
    @DisplayName("3.2 multivaluelist: two keys are accepted in each encoding")
    void multiEncodingsAccepted(Encoding enc) {
        Map.Entry<Server.Service, Server.Attr> e = multi();
        List<String> keys = Posts.twoKeys(e.getValue());
        Form f = enc.apply(
                Posts.valid(e.getKey(), false).removeAttribute(e.getValue().code()),
                e.getValue().code(),
                keys);
        postOk(Fmt.JSON, f);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Encoding.class)
    @DisplayName(
            "3.2 multivaluelist: an unknown key next to a valid one is rejected with 400 in each encoding (the values are parsed)")
    void multiEncodingsParsed(Encoding enc) {
        Map.Entry<Server.Service, Server.Attr> e = multi();
        String code = e.getValue().code();
        List<String> values = List.of(e.getValue().keys().get(0), "no-such-key-" + System.nanoTime());
        Form f = enc.apply(Posts.valid(e.getKey(), false).removeAttribute(code), code, values);
        Docs.expectError(Posts.post(Fmt.JSON, f), 400, Fmt.JSON);
    }

    @Test
    @DisplayName("3.2 multivaluelist: a single key is accepted")
    void multiSingleKey() {
        Map.Entry<Server.Service, Server.Attr> e = multi();
        postOk(Fmt.JSON, withAttr(e, e.getValue().keys().get(0)));
    }

    @Test
    @DisplayName("3.2 attribute names with literal, unencoded brackets are accepted (recommendation)")
    void literalBrackets() {
        Checks.recommendation();
        Map.Entry<Server.Service, Server.Attr> e =
                Server.model().requireAttr("a required variable attribute", a -> a.variable() && a.required());
        Form f = Posts.valid(e.getKey(), false);
        Http.Response r =
                Api.call("POST", "requests.json").form(f, "application/x-www-form-urlencoded; charset=utf-8", true);
        Posts.accepted(r, Fmt.JSON);
    }

    @Test
    @DisplayName("3.2 unknown attribute codes are ignored (recommendation)")
    void unknownAttributeIgnored() {
        Checks.recommendation();
        Server.Service s = Server.model().require("realtime");
        postOk(Fmt.JSON, Posts.valid(s, false).add("attribute[CONFORMANCE_UNKNOWN]", "x"));
    }

    @Test
    @DisplayName("1.4 unknown form parameters are ignored (recommendation)")
    void unknownParameterIgnored() {
        Checks.recommendation();
        Server.Service s = Server.model().require("realtime");
        postOk(
                Fmt.JSON,
                Posts.valid(s, false)
                        .add("deviceid", "conformance")
                        .add("title", "Conformance")
                        .add("conformance_extra", "1"));
    }

    // ------------------------------------------------------------------ multipart (6.7)

    @Test
    @DisplayName(
            "6.7 multipart/form-data POST with a media image part: accepted, and a media_url appears on the request (extension)")
    void multipartMedia() {
        Server.Service s = Server.model().require("realtime");
        Http.Multipart mp =
                new Http.Multipart().fields(Posts.valid(s, false)).file("media", "conformance.png", "image/png", PNG);
        Http.Response r = Api.call("POST", "requests.json").multipart(mp);
        Checks.skipIf(
                r.status() == 415, "multipart/form-data is not supported (an extension, docs 6.7): " + r.describe());
        JsonNode a = Posts.accepted(r, Fmt.JSON);
        JsonNode req = fetch(str(a, "service_request_id"));
        String url = str(req, "media_url");
        if (url == null) {
            List<JsonNode> urls = Trees.list(req.path("extended_attributes"), "media_urls");
            url = urls.isEmpty() ? null : urls.get(0).asText();
        }
        assertNotNull(
                url,
                "no media_url (nor extended_attributes.media_urls) on the request created with a media file: " + req);
        Http.Response media = Http.get(url);
        assertEquals(200, media.status(), "the media URL must serve the file: " + media.describe());
        assertTrue(
                media.contentType().startsWith("image/"),
                "the media URL serves " + media.contentType() + ", not an image");
    }

    @Test
    @DisplayName("6.7 multipart/form-data POST without a file is accepted like a urlencoded one (extension)")
    void multipartWithoutFile() {
        Server.Service s = Server.model().require("realtime");
        Http.Response r =
                Api.call("POST", "requests.xml").multipart(new Http.Multipart().fields(Posts.valid(s, false)));
        Checks.skipIf(
                r.status() == 415, "multipart/form-data is not supported (an extension, docs 6.7): " + r.describe());
        Posts.assertTypeRule(s, Posts.accepted(r, Fmt.XML), r);
    }
}
