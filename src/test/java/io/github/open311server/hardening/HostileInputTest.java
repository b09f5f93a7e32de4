package io.github.open311server.hardening;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Db;
import io.github.open311server.support.RawHttp;
import io.github.open311server.support.Tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several thousand malformed requests across every endpoint and method, generated from a fixed seed
 * (HOSTILE_SEED to replay another): none may get a 5xx, every 4xx must be a well-formed Open311 error
 * document in the format the path asked for, and every XML answer must be well-formed.
 */
@QuarkusTest
class HostileInputTest {

    private static final int REQUESTS = Integer.getInteger("hostile.requests", 3000);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A key of this test's own, so what it files can be removed afterwards without touching other tests' data. */
    private static final String KEY = "hostile-test-key";

    private static final String[] PATHS = {
        "/open311/discovery.{f}",
        "/open311/v2/discovery.{f}",
        "/open311/v2/services.{f}",
        "/open311/v2/services/{v}.{f}",
        "/open311/v2/services/POTHOLE.{f}",
        "/open311/v2/services/GRAF-01.{f}",
        "/open311/v2/requests.{f}",
        "/open311/v2/requests/{v}.{f}",
        "/open311/v2/tokens/{v}.{f}",
        "/open311/v2/servicerequestupdates.{f}",
        "/open311/v2/media/{v}",
        "/open311/v2/{v}",
        "/open311/{v}",
        "/staff/v1/jurisdictions/testcity.example/requests/{v}",
        "/staff/v1/jurisdictions/{v}/requests/overdue",
        "/admin/v1/jurisdictions/testcity.example/services",
        "/admin/v1/jurisdictions/{v}/services/{v}",
        "/admin/v1/jurisdictions/testcity.example/api-clients",
    };
    private static final String[] FORMATS = {"xml", "json", "geojson", "XML", "", "html", "json%00", "xml.json"};
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "POST", "PUT", "PATCH", "DELETE"};
    private static final String[] NAMES = {
        "jurisdiction_id",
        "service_code",
        "service_request_id",
        "start_date",
        "end_date",
        "updated_after",
        "updated_before",
        "status",
        "lat",
        "long",
        "radius",
        "bbox",
        "q",
        "agency_responsible",
        "page",
        "page_size",
        "page_token",
        "sort",
        "extensions",
        "api_key",
        "description",
        "media_url",
        "address_string",
        "email",
        "attribute[SURFACE]",
        "attribute[COLOURS][]",
        "attribute[DEPTH]",
        "attribute[",
        "duplicate_check",
        "confirm_duplicate",
        "detailed_status",
        "update_id",
        "updated_datetime",
        "status_notes",
        "%00",
        "a\u0001b",
    };
    private static final String[] VALUES = {
        "",
        " ",
        "\u0000",
        "\u0001",
        "\u0008",
        "\u001f",
        "\u007f",
        "\ufffe",
        "\uffff",
        "\ud800",
        "\udc00x",
        "\r\nX-Injected: 1",
        "+300000-01-01",
        "-999999999-01-01",
        "0000-01-01",
        "9999-12-31T23:59:59Z",
        "2024-02-30",
        "2024-05-01T25:00:00Z",
        "1e309",
        "NaN",
        "-Infinity",
        "-91",
        "181",
        "90.0000001",
        "1,2,3",
        "1,2,3,4",
        "-180,-90,180,90",
        "10,10,-10,-10",
        "' OR 1=1 --",
        "<x>&amp;</x>",
        "]]>",
        "${jndi:ldap://x}",
        "%",
        "%zz",
        "%C3%28",
        "\u00df",
        "\ud83d\udea7",
        "open",
        "closed",
        "OPEN,closed,",
        "true",
        "false",
        "-requested_datetime",
        "distance",
        "desc",
        "asc",
        "9223372036854775808",
        "-1",
        "0",
        "1000000",
        "SR-0000001",
        "00000000-0000-0000-0000-000000000000",
        "POTHOLE",
        "GRAF-01",
        "NOISE",
        "testcity.example",
        "test-key",
        KEY,
        "http://example.org/a.jpg",
    };
    private static final String[] CONTENT_TYPES = {
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=utf-8",
        "application/x-www-form-urlencoded, text/plain",
        "multipart/form-data",
        "multipart/form-data; boundary=\"",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=hostile",
        "multipart/form-data; boundary=\"hostile\"",
        "application/json",
        "application/json; charset=latin1",
        "text/plain",
        "application/xml",
        ";;;",
        "*/*",
        "application/x-www-form-urlencoded; charset=nonsense",
        "multipart/mixed; boundary=x",
    };

    /**
     * What may stand raw in a request target. Bytes outside it (controls, spaces, '<', a lone '%') are
     * refused by the HTTP codec itself before any handler runs; RawHttpCodecTest covers that level.
     */
    private static final Pattern URI_SAFE = Pattern.compile("[A-Za-z0-9._~!$'()*+,;:@/?=&-]*");

    @Inject
    Db db;

    private final Random random = new Random(Long.getLong("hostile.seed", 311L));

    @Test
    void everyMalformedRequestGetsAWellFormedDocumentAndNeverA5xx() throws Exception {
        db.update(
                "INSERT INTO api_clients (name, key_prefix, key_hash, scopes) VALUES ('hostile test', 'hostile-', "
                        + "encode(sha256(?::bytea), 'hex'), '{create_requests,post_updates}') ON CONFLICT DO NOTHING",
                KEY);
        String staffToken = Tokens.staff("testcity.example");
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
            String method = pick(METHODS);
            String format = pick(FORMATS);
            String path = pick(PATHS).replace("{f}", format);
            while (path.contains("{v}")) {
                path = path.replaceFirst("\\{v\\}", Matcher.quoteReplacement(pathValue()));
            }
            String target = path + (random.nextInt(3) > 0 ? "?" + query() : "");
            Map<String, String> headers = new LinkedHashMap<>();
            byte[] body = null;
            if (!method.equals("GET") && !method.equals("DELETE")) {
                String type = pick(CONTENT_TYPES);
                headers.put("Content-Type", type);
                body = body(type);
            }
            if (random.nextInt(4) == 0) {
                headers.put(
                        "Authorization", "Bearer " + (random.nextBoolean() ? staffToken : headerSafe(pick(VALUES))));
            }
            if (random.nextInt(6) == 0) {
                headers.put("Idempotency-Key", headerSafe(pick(VALUES)));
            }
            RawHttp.Answer answer = RawHttp.send(method, target, headers, body);
            statuses.merge(answer.status(), 1, Integer::sum);
            String problem = problem(path, method, answer);
            if (problem != null) {
                failures.add(method + " " + target.replaceAll("\\p{Cntrl}", "?") + " -> " + answer.status() + ": "
                        + problem);
            }
        }
        db.update(
                "DELETE FROM idempotency_keys WHERE api_client_ref IN (SELECT id FROM api_clients WHERE key_prefix = 'hostile-')");
        db.update(
                "DELETE FROM service_requests WHERE api_client_ref IN (SELECT id FROM api_clients WHERE key_prefix = 'hostile-')");
        System.out.println("hostile input: " + REQUESTS + " requests (seed " + Long.getLong("hostile.seed", 311L)
                + "), answers by status " + statuses);
        assertEquals(List.of(), failures, "answers that break the contract");
        assertTrue(statuses.keySet().stream().anyMatch(s -> s >= 400), "the generator produced no malformed request");
        assertTrue(
                statuses.keySet().stream().anyMatch(s -> s < 300), "the generator never reached a successful answer");
    }

    private String problem(String path, String method, RawHttp.Answer answer) {
        if (answer.status() >= 500) {
            return "server error " + answer.text();
        }
        String type = answer.header("Content-Type") == null ? "" : answer.header("Content-Type");
        if (answer.status() >= 400) {
            boolean json = expectsJson(path);
            if (json && !type.startsWith("application/json")) {
                return "error not in JSON: " + type;
            }
            if (!json && !type.startsWith("text/xml")) {
                return "error not in XML: " + type;
            }
            return json ? jsonErrorProblem(answer) : xmlErrorProblem(answer);
        }
        if (type.contains("xml")) {
            try {
                parse(answer.body());
            } catch (Exception e) {
                return "ill-formed XML: " + e.getMessage();
            }
        } else if (type.contains("json") && answer.body().length > 0) {
            try {
                JSON.readTree(answer.body());
            } catch (Exception e) {
                return "ill-formed JSON: " + e.getMessage();
            }
        }
        return null;
    }

    /** The format an error must come in: the path's suffix, JSON for the staff and admin APIs, else XML. */
    private static boolean expectsJson(String path) {
        String clean = path.replaceAll("%[0-9a-fA-F]{2}", "");
        if (clean.startsWith("/staff/") || clean.startsWith("/admin/")) {
            return true;
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash) {
            return false;
        }
        String suffix = path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return suffix.equals("json") || suffix.equals("geojson");
    }

    private static String jsonErrorProblem(RawHttp.Answer answer) {
        try {
            JsonNode errors = JSON.readTree(answer.body());
            if (!errors.isArray() || errors.isEmpty()) {
                return "not a non-empty JSON array: " + answer.text();
            }
            for (JsonNode error : errors) {
                if (!error.path("code").canConvertToInt()
                        || error.path("description").asText("").isBlank()) {
                    return "an error without code and description: " + answer.text();
                }
            }
            return null;
        } catch (Exception e) {
            return "ill-formed JSON error: " + e.getMessage();
        }
    }

    private static String xmlErrorProblem(RawHttp.Answer answer) {
        try {
            Document document = parse(answer.body());
            if (!document.getDocumentElement().getTagName().equals("errors")) {
                return "root is not <errors>";
            }
            NodeList errors = document.getDocumentElement().getElementsByTagName("error");
            if (errors.getLength() == 0) {
                return "no <error>";
            }
            Element first = (Element) errors.item(0);
            if (first.getElementsByTagName("code").getLength() != 1
                    || first.getElementsByTagName("description").getLength() != 1) {
                return "an <error> without code and description";
            }
            return null;
        } catch (Exception e) {
            return "ill-formed XML error: " + e.getMessage() + " in " + answer.text();
        }
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** A header value the HTTP codec accepts (it refuses control bytes itself, before any handler). */
    private static String headerSafe(String value) {
        return value.replaceAll("\\p{Cntrl}", "");
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** A path segment: hostile values, %-escaped, sometimes raw where the URI syntax allows it. */
    private String pathValue() {
        String value = pick(VALUES);
        return random.nextInt(4) == 0 && URI_SAFE.matcher(value).matches()
                ? value
                : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String query() {
        StringBuilder query = new StringBuilder();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                query.append('&');
            }
            query.append(encodeMaybe(pick(NAMES))).append('=').append(encodeMaybe(pick(VALUES)));
        }
        return query.toString();
    }

    /** Mostly %-escaped; sometimes as is where the URI syntax allows it. */
    private String encodeMaybe(String value) {
        if (random.nextInt(5) == 0 && URI_SAFE.matcher(value).matches()) {
            return value;
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private byte[] body(String type) {
        int kind = random.nextInt(6);
        if (kind == 0) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            return bytes;
        }
        if (type.startsWith("multipart") && kind < 4) {
            StringBuilder multipart = new StringBuilder();
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                multipart
                        .append("--hostile\r\nContent-Disposition: form-data; name=\"")
                        .append(pick(NAMES))
                        .append('"');
                if (random.nextInt(4) == 0) {
                    multipart
                            .append("; filename=\"")
                            .append(pick(VALUES).replaceAll("[\"\\r\\n]", ""))
                            .append('"');
                }
                multipart.append("\r\n");
                if (random.nextBoolean()) {
                    multipart
                            .append("Content-Type: ")
                            .append(random.nextBoolean() ? "text/plain; charset=" + pick(VALUES) : "image/jpeg");
                    multipart.append("\r\n");
                }
                multipart.append("\r\n").append(pick(VALUES)).append("\r\n");
            }
            if (random.nextBoolean()) {
                multipart.append("--hostile--\r\n");
            }
            return multipart
                    .toString()
                    .getBytes(random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        }
        if (type.startsWith("application/json") && kind < 4) {
            String value = pick(VALUES).replace("\\", "\\\\").replace("\"", "\\\"");
            return ("{\"" + pick(NAMES) + "\":\"" + value + "\",\"status\":"
                            + pick(new String[] {"1", "null", "[]", "\"open\""}) + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return query().getBytes(StandardCharsets.UTF_8);
    }
}
