package io.github.open311server.requests.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Db;
import io.github.open311server.support.RawHttp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The open data export read back whole: every planted request exactly once in each format (more than
 * two pages of the cursor, older than the 90-day window), text with commas, quotes, line breaks and
 * non-ASCII characters intact, nothing of a blackbox service, gzip for clients that accept it.
 */
@QuarkusTest
class RequestExportTest {

    private static final String DESK = "Export Desk";
    private static final int ROWS = 2_500;
    private static final String EXPORT = "/open311/v2/exports/requests.";
    private static final String TRICKY = ", \"quoted\", line\r\nbreak, Straße ✓";

    @Inject
    Db db;

    @BeforeEach
    void plant() {
        if (!"0".equals(db.value("SELECT count(*) FROM service_requests WHERE agency_responsible = ?", DESK))) {
            return;
        }
        // older than the spec's 90-day window; every tenth without a position, every fifth with hard text
        db.update("""
                INSERT INTO service_requests (jurisdiction_ref, service_ref, description, agency_responsible, address,
                                              location, requested_datetime, updated_datetime)
                SELECT j.id, s.id, 'Report ' || g || CASE WHEN g % 5 = 0 THEN ? ELSE '' END, ?, 'No. ' || g,
                       CASE WHEN g % 10 = 0 THEN NULL
                            ELSE ST_SetSRID(ST_MakePoint(-89.6 - g * 0.00001, 39.7 + g * 0.00001), 4326) END,
                       now() - interval '400 days' + g * interval '1 minute',
                       now() - interval '300 days' + g * interval '1 minute'
                  FROM generate_series(1, ?) g, jurisdictions j
                  JOIN services s ON s.jurisdiction_ref = j.id AND s.service_code = 'POTHOLE'
                 WHERE j.jurisdiction_id = 'testcity.example'""", TRICKY, DESK, ROWS);
        // a blackbox service publishes nothing, not even in an export
        db.update("""
                INSERT INTO service_requests (jurisdiction_ref, service_ref, description, agency_responsible)
                SELECT j.id, s.id, 'a noise report', ? FROM jurisdictions j
                  JOIN services s ON s.jurisdiction_ref = j.id AND s.service_code = 'NOISE'
                 WHERE j.jurisdiction_id = 'testcity.example'""", DESK);
    }

    /** For a raw client; RestAssured calls take the parameter itself. */
    private static String query() {
        return "?agency_responsible="
                + URLEncoder.encode(DESK, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The planted requests' ids and descriptions, as stored. */
    private Map<String, String> planted() {
        Map<String, String> planted = new HashMap<>();
        db.rows("""
                        SELECT r.service_request_id, r.description FROM service_requests r
                          JOIN services s ON s.id = r.service_ref
                         WHERE r.agency_responsible = ? AND s.service_code = 'POTHOLE'""", DESK).forEach(row -> planted.put(row.get(0), row.get(1)));
        assertEquals(ROWS, planted.size());
        return planted;
    }

    @Test
    void theCsvHasEveryRequestOnceWithItsTextIntact() {
        String csv = given().queryParam("agency_responsible", DESK)
                .when()
                .get(EXPORT + "csv")
                .then()
                .statusCode(200)
                .header("Content-Type", containsString("text/csv"))
                .header(
                        "Content-Disposition",
                        matchesPattern(
                                "attachment; filename=\"requests-testcity\\.example-\\d{4}-\\d{2}-\\d{2}\\.csv\""))
                .extract()
                .asString();
        List<List<String>> rows = Csv.parse(csv);
        List<String> header = rows.get(0);
        assertEquals("service_request_id", header.get(0));
        assertEquals(List.of("lat", "long", "media_url"), header.subList(header.size() - 3, header.size()));
        Map<String, String> planted = planted();
        Set<String> seen = new HashSet<>();
        int description = header.indexOf("description");
        int updated = header.indexOf("updated_datetime");
        String previous = "";
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(header.size(), row.size(), "every line has every column: " + row);
            assertTrue(seen.add(row.get(0)), "exported twice: " + row.get(0));
            assertEquals(planted.get(row.get(0)), row.get(description), "the text as stored");
            assertTrue(row.get(updated).compareTo(previous) >= 0, "oldest change first");
            previous = row.get(updated);
        }
        assertEquals(planted.keySet(), seen, "every planted request, and nothing of the blackbox service");
        assertTrue(csv.contains(TRICKY.replace("\"", "\"\"")), "quotes doubled inside a quoted field");
    }

    @Test
    void ndjsonAndGeoJsonHoldTheSameRequests() throws Exception {
        Map<String, String> planted = planted();
        ObjectMapper json = new ObjectMapper();
        String ndjson = given().queryParam("agency_responsible", DESK)
                .when()
                .get(EXPORT + "ndjson")
                .then()
                .statusCode(200)
                .header("Content-Type", containsString("application/x-ndjson"))
                .extract()
                .asString();
        Set<String> ids = new HashSet<>();
        for (String line : ndjson.split("\n")) {
            JsonNode request = json.readTree(line);
            ids.add(request.get("service_request_id").asText());
            assertEquals(
                    planted.get(request.get("service_request_id").asText()),
                    request.get("description").asText());
        }
        assertEquals(planted.keySet(), ids);

        JsonNode geojson = json.readTree(given().queryParam("agency_responsible", DESK)
                .when()
                .get(EXPORT + "geojson")
                .then()
                .statusCode(200)
                .header("Content-Type", containsString("application/geo+json"))
                .extract()
                .asString());
        assertEquals("FeatureCollection", geojson.get("type").asText());
        assertEquals(ROWS - ROWS / 10, geojson.get("features").size(), "requests without a position are no features");
        JsonNode first = geojson.get("features").get(0);
        assertEquals("Point", first.get("geometry").get("type").asText());
        assertTrue(planted.containsKey(first.get("id").asText()));
    }

    @Test
    void updatedAfterGivesWhatChangedSinceAndGzipShrinksIt() throws Exception {
        String since = db.value("""
                SELECT to_char(updated_datetime AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                  FROM service_requests WHERE agency_responsible = ? AND description LIKE 'Report 2000%'""", DESK);
        String expected = db.value("""
                SELECT count(*) FROM service_requests r JOIN services s ON s.id = r.service_ref
                 WHERE r.agency_responsible = ? AND s.service_code = 'POTHOLE' AND r.updated_datetime >= ?::timestamptz""", DESK, since);
        HttpResponse<byte[]> gzipped = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RawHttp.PORT + EXPORT + "ndjson"
                                        + query() + "&updated_after=" + since))
                                .header("Accept-Encoding", "gzip")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(""));
        String text = gunzip(gzipped.body());
        assertEquals(Integer.parseInt(expected), text.split("\n").length, "what changed since, and nothing before");
        assertTrue(gzipped.body().length * 3 < text.length(), "compressed: " + gzipped.body().length);
    }

    @Test
    void pagingParametersAndUnknownFormatsAreRefused() {
        given().when().get(EXPORT + "csv?page_size=10").then().statusCode(400);
        given().when().get(EXPORT + "csv?updated_after=yesterday").then().statusCode(400);
        given().when().get(EXPORT + "xlsx").then().statusCode(404).body(containsString("<errors>"));
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** RFC 4180 read by the book, independently of the writer: quoted fields, doubled quotes, CRLF rows. */
    static final class Csv {

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    i++;
                } else {
                    field.append(c);
                }
            }
            return rows;
        }
    }
}
