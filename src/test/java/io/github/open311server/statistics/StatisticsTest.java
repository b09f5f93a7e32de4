package io.github.open311server.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import io.github.open311server.statistics.GeneratedCity.Request;
import io.github.open311server.support.Api;
import io.github.open311server.support.Db;
import io.github.open311server.support.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every statistic against an independent calculation, in Java, over {@link GeneratedCity}: counts per
 * day in the city's time zone, percentiles (PostgreSQL's percentile_cont: linear between the two nearest
 * ranks) on big and small groups, service-level compliance, reopen rate, surveys, trends and the backlog.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsTest {

    private static final String PUBLIC = "/open311/v2/statistics/";
    private static final String STAFF = "/staff/v1/jurisdictions/testcity.example/statistics/";
    private static final String WINDOW = "start_date=2001-01-01&end_date=2001-03-01";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    Db db;

    private GeneratedCity city;

    @BeforeAll
    void storeTheCity() {
        city = GeneratedCity.generate();
        city.store(db, "ST-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private List<Request> published() {
        return city.requests.stream().filter(r -> !r.service().equals("NOISE")).toList();
    }

    private static List<Map<String, Object>> rows(RequestSpecification request, String path) {
        String body = request.when().get(path).then().statusCode(200).extract().asString();
        try {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows =
                    (List<Map<String, Object>>) JSON.readValue(body, Map.class).get("rows");
            assertFalse(rows.isEmpty(), "no rows for " + path);
            return rows;
        } catch (JsonProcessingException e) {
            throw new AssertionError(body, e);
        }
    }

    private static List<Map<String, Object>> publicRows(String statistic, String query) {
        return rows(given(), PUBLIC + statistic + ".json?" + query);
    }

    private static List<Map<String, Object>> staffRows(String statistic, String query) {
        return rows(given().auth().oauth2(Tokens.staff("testcity.example")), STAFF + statistic + ".json?" + query);
    }

    /** Rows keyed by the values of some columns, each mapped to one value column. */
    private static Map<String, Object> byKey(List<Map<String, Object>> rows, List<String> keys, String value) {
        Map<String, Object> map = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            String key = keys.stream().map(k -> String.valueOf(row.get(k))).collect(Collectors.joining("|"));
            map.put(key, row.get(value));
        }
        return map;
    }

    private static <T> Map<String, List<T>> groups(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    }

    @Test
    void dailyCountsAreCountedInTheCityTimeZone() {
        var rows = publicRows("requests", WINDOW + "&interval=day&group_by=service_code");
        Map<String, Object> expected = new TreeMap<>();
        groups(published(), r -> r.day() + "|" + r.service()).forEach((key, list) -> expected.put(key, list.size()));
        assertEquals(expected, byKey(rows, List.of("period", "service_code"), "count"));
        // the two requests a second apart around midnight in Chicago fall on two days
        assertTrue(expected.containsKey("2001-01-09|POTHOLE") && expected.containsKey("2001-01-10|POTHOLE"));
        assertTrue(rows.stream()
                .filter(r -> r.get("service_code").equals("POTHOLE"))
                .allMatch(r -> r.get("service_name").equals("Pothole in roadway")));
    }

    @Test
    void weeklyAndMonthlyCountsByStatusAndAgency() {
        var weekly = publicRows("requests", WINDOW + "&interval=week");
        Map<String, Object> expected = new TreeMap<>();
        // weeks start on Monday (ISO 8601), in the city's time zone
        groups(
                        published(),
                        r -> r.day()
                                .minusDays(r.day().getDayOfWeek().getValue() - 1)
                                .toString())
                .forEach((key, list) -> expected.put(key, list.size()));
        assertEquals(expected, byKey(weekly, List.of("period"), "count"));

        var monthly = publicRows("requests", WINDOW + "&interval=month&group_by=status,agency_responsible");
        expected.clear();
        groups(published(), r -> r.day().withDayOfMonth(1) + "|" + r.status() + "|" + r.agency())
                .forEach((key, list) -> expected.put(key, list.size()));
        assertEquals(expected, byKey(monthly, List.of("period", "status", "agency_responsible"), "count"));
    }

    @Test
    void csvHasTheRowsOfJson() {
        String query = WINDOW + "&interval=month&group_by=agency_responsible";
        var json = publicRows("requests", query);
        String csv = given().when()
                .get(PUBLIC + "requests.csv?" + query)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", startsWith("attachment; filename=\"requests-testcity.example-"))
                .header("Cache-Control", equalTo("public, max-age=60"))
                .extract()
                .asString();
        String[] lines = csv.split("\r\n");
        assertEquals("period,agency_responsible,count", lines[0]);
        assertEquals(json.size(), lines.length - 1);
        for (int i = 0; i < json.size(); i++) {
            Map<String, Object> row = json.get(i);
            String agency = row.get("agency_responsible") == null ? "" : (String) row.get("agency_responsible");
            assertEquals(row.get("period") + "," + agency + "," + row.get("count"), lines[i + 1]);
        }
    }

    @Test
    void performanceMatchesAnIndependentCalculation() {
        var rows = publicRows("performance", WINDOW + "&group_by=service_code");
        Map<String, List<Request>> byService = groups(published(), Request::service);
        assertEquals(
                byService.keySet(),
                byKey(rows, List.of("service_code"), "requests").keySet());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Map<String, Object> row : rows) {
            List<Request> group = byService.get((String) row.get("service_code"));
            String service = (String) row.get("service_code");
            assertCount(group.size(), row, "requests");
            assertCount(group.stream().filter(r -> r.status().equals("open")).count(), row, "open");
            checkDurations(group, Request::closeHours, row, "close", "closed");
            checkDurations(group, Request::acknowledgeHours, row, "acknowledge", "acknowledged");
            Duration sla = service.equals("POTHOLE") ? Duration.ofDays(5) : null;
            long due = sla == null
                    ? 0
                    : group.stream()
                            .filter(r -> r.closed() != null
                                    || r.requested().plus(sla).isBefore(now))
                            .count();
            long met = sla == null
                    ? 0
                    : group.stream()
                            .filter(r -> r.closed() != null
                                    && !r.closed().isAfter(r.requested().plus(sla)))
                            .count();
            assertCount(due, row, "sla_due");
            assertCount(met, row, "sla_met");
            assertEquals(percent(met, due), row.get("sla_met_percent"), service + " sla_met_percent");
            long everClosed = group.stream()
                    .filter(r -> r.closed() != null || r.reopens() > 0)
                    .count();
            long reopened = group.stream().filter(r -> r.reopens() > 0).count();
            assertCount(everClosed, row, "ever_closed");
            assertCount(reopened, row, "reopened");
            assertEquals(percent(reopened, everClosed), row.get("reopen_percent"), service + " reopen_percent");
            assertFalse(row.containsKey("satisfaction_mean"), "survey results are for staff only");
        }
        // the small group: two closes, after 7 and 30 hours
        Map<String, Object> trees = rows.stream()
                .filter(r -> r.get("service_code").equals("TREE.PRUNE"))
                .findFirst()
                .orElseThrow();
        assertEquals(new BigDecimal("18.50"), trees.get("close_median_hours"));
        assertEquals(new BigDecimal("27.70"), trees.get("close_p90_hours"));
    }

    @Test
    void staffStatisticsAddBlackboxServicesInternalDimensionsAndSurveys() {
        var rows = staffRows("performance", WINDOW + "&group_by=priority");
        Map<String, List<Request>> byPriority = groups(city.requests, Request::priority);
        assertEquals(
                byPriority.keySet(),
                byKey(rows, List.of("priority"), "requests").keySet());
        for (Map<String, Object> row : rows) {
            List<Request> group = byPriority.get((String) row.get("priority"));
            assertCount(group.size(), row, "requests");
            List<Request> surveyed =
                    group.stream().filter(r -> r.satisfaction() != null).toList();
            assertCount(surveyed.size(), row, "survey_answers");
            BigDecimal mean = surveyed.isEmpty()
                    ? null
                    : BigDecimal.valueOf(surveyed.stream()
                                    .mapToInt(Request::satisfaction)
                                    .sum())
                            .divide(BigDecimal.valueOf(surveyed.size()), 2, RoundingMode.HALF_UP);
            assertEquals(mean, row.get("satisfaction_mean"), "mean satisfaction of " + row.get("priority"));
            long fixed = surveyed.stream().filter(Request::fixed).count();
            assertCount(fixed, row, "fixed");
            assertEquals(percent(fixed, surveyed.size()), row.get("fixed_percent"));
        }
        var channels = staffRows("requests", WINDOW + "&group_by=channel");
        Map<String, Object> expected = new TreeMap<>();
        groups(city.requests, r -> r.viaClient() ? "app" : "phone")
                .forEach((key, list) -> expected.put(key, list.size()));
        assertEquals(expected, byKey(channels, List.of("channel"), "count"));

        given().when()
                .get(PUBLIC + "performance.json?group_by=priority")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("group_by must name"));
        given().when().get(STAFF + "performance.json?group_by=priority").then().statusCode(401);
    }

    @Test
    void trendsCompareTheWindowWithTheOneBefore() {
        OffsetDateTime from = GeneratedCity.END_DAY
                .minusDays(28)
                .atStartOfDay(GeneratedCity.CITY)
                .toOffsetDateTime();
        OffsetDateTime to =
                GeneratedCity.END_DAY.atStartOfDay(GeneratedCity.CITY).toOffsetDateTime();
        OffsetDateTime before = from.minusDays(28);
        // per service alone, trends read service by service; with any other filter, as the other statistics
        for (String filter : List.of("", "&status=open,closed")) {
            assertTrends(
                    publicRows("trends", "start_date=2001-02-01&end_date=2001-03-01&group_by=service_code" + filter),
                    from,
                    to,
                    before);
        }
    }

    private void assertTrends(
            List<Map<String, Object>> rows, OffsetDateTime from, OffsetDateTime to, OffsetDateTime before) {
        Map<String, List<Request>> byService = groups(
                published().stream()
                        .filter(r ->
                                !r.requested().isBefore(before) && r.requested().isBefore(to))
                        .toList(),
                Request::service);
        assertEquals(
                byService.keySet(),
                byKey(rows, List.of("service_code"), "current").keySet());
        for (Map<String, Object> row : rows) {
            List<Request> group = byService.get((String) row.get("service_code"));
            long current =
                    group.stream().filter(r -> !r.requested().isBefore(from)).count();
            long previous = group.size() - current;
            assertCount(current, row, "current");
            assertCount(previous, row, "previous");
            assertCount(current - previous, row, "change");
            assertEquals(percent(current - previous, previous), row.get("change_percent"));
        }
    }

    @Test
    void filtersApplyAsInTheRequestList() {
        Predicate<Request> inBox = Request::inBox;
        var rows = publicRows("requests", WINDOW + "&bbox=10,10,10.1,10.1&group_by=&service_code=POTHOLE,GRAF-01");
        long expected = published().stream()
                .filter(inBox)
                .filter(r -> !r.service().equals("TREE.PRUNE"))
                .count();
        assertEquals(1, rows.size());
        assertCount(expected, rows.get(0), "count");
        var closed = publicRows("requests", WINDOW + "&status=closed&agency_responsible=night crew&group_by=status");
        assertEquals(
                Map.of("closed", (int) published().stream()
                        .filter(r -> r.status().equals("closed") && "Night Crew".equals(r.agency()))
                        .count()),
                byKey(closed, List.of("status"), "count"));
    }

    @Test
    void backlogCountsOpenRequestsByAge() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        long[] ageHours = {2, 2, 3 * 24, 10 * 24, 45 * 24, 200 * 24, 300 * 24};
        String prefix = "BL-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < ageHours.length; i++) {
            db.update("""
                    INSERT INTO service_requests (service_request_id, jurisdiction_ref, service_ref, requested_datetime,
                        updated_datetime, location)
                    SELECT ?, j.id, s.id, ?::timestamptz, ?::timestamptz, ST_SetSRID(ST_MakePoint(20.05, 20.05), 4326)
                      FROM jurisdictions j JOIN services s ON s.jurisdiction_ref = j.id
                     WHERE j.jurisdiction_id = 'testcity.example' AND s.service_code = 'POTHOLE'""", prefix + "-" + i, now.minusHours(ageHours[i]), now.minusHours(ageHours[i]));
        }
        var rows = publicRows("backlog", "bbox=20,20,20.1,20.1");
        assertEquals(1, rows.size());
        Map<String, Object> row = rows.get(0);
        assertCount(7, row, "open");
        assertCount(2, row, "age_under_1_day");
        assertCount(1, row, "age_1_to_7_days");
        assertCount(1, row, "age_7_to_30_days");
        assertCount(1, row, "age_30_to_90_days");
        assertCount(2, row, "age_over_90_days");
        double median = ((BigDecimal) row.get("age_median_hours")).doubleValue();
        assertTrue(Math.abs(median - 240) < 0.1, "median age " + median);
        assertTrue(((String) row.get("oldest_requested_datetime"))
                .startsWith(now.minusHours(300 * 24)
                        .atZoneSameInstant(GeneratedCity.CITY)
                        .toLocalDate()
                        .toString()));
        given().when()
                .get(PUBLIC + "backlog.json?status=closed")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("status does not apply"));
    }

    @Test
    void theWritePathKeepsWhenARequestClosedAndHowOftenItReopened() {
        String id = Api.file("POTHOLE", "address_string", "1 Statistics Rd", "description", "closed, reopened, closed");
        String path = "/staff/v1/jurisdictions/testcity.example/requests/" + id;
        String sql = "SELECT closed_at IS NOT NULL, reopen_count FROM service_requests WHERE service_request_id = ?";
        assertEquals(List.of("f", "0"), db.rows(sql, id).get(0));
        int version = 0;
        for (String[] step :
                new String[][] {{"resolved", "t", "0"}, {"in_progress", "f", "1"}, {"resolved", "t", "1"}}) {
            given().auth()
                    .oauth2(Tokens.staff("testcity.example"))
                    .contentType("application/json")
                    .body("{\"version\": " + version++ + ", \"detailed_status\": \"" + step[0] + "\"}")
                    .when()
                    .patch(path)
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(200);
            assertEquals(List.of(step[1], step[2]), db.rows(sql, id).get(0), "after " + step[0]);
        }
        assertEquals(
                db.value(
                        "SELECT max(changed_at) FROM request_history h JOIN service_requests r ON r.id = h.request_ref"
                                + " WHERE r.service_request_id = ?",
                        id),
                db.value("SELECT closed_at FROM service_requests WHERE service_request_id = ?", id));
    }

    @Test
    void badQuestionsAreOpen311Errors() {
        given().when().get(PUBLIC + "popularity.json").then().statusCode(404).body("[0].code", equalTo(404));
        given().when().get(PUBLIC + "requests.pdf").then().statusCode(404);
        given().when()
                .get(PUBLIC + "requests.json?interval=fortnight&group_by=colour&start_date=yesterday")
                .then()
                .statusCode(400)
                .body("size()", equalTo(3));
        given().when()
                .get(PUBLIC + "performance.json?interval=day")
                .then()
                .statusCode(400)
                .body(
                        "[0].description",
                        containsString("interval applies to the requests and contacts statistics only"));
        given().when()
                .get(PUBLIC + "requests.json?start_date=1990-01-01&end_date=2005-01-01")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("ten years"));
        given().when()
                .get(PUBLIC + "requests.json?start_date=2000-01-01&end_date=2005-01-01&interval=day")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("more than 1000 periods"));
        given().when()
                .get(PUBLIC + "requests.json?group_by=status,service_code,agency_responsible")
                .then()
                .statusCode(400);
        // an unknown service matches nothing: its total is a row of zero, grouped it has no rows
        given().when()
                .get(PUBLIC + "requests.json?service_code=NO-SUCH&group_by=")
                .then()
                .statusCode(200)
                .body("rows.size()", equalTo(1))
                .body("rows[0].count", equalTo(0));
        given().when()
                .get(PUBLIC + "requests.json?service_code=NO-SUCH&group_by=service_code")
                .then()
                .statusCode(200)
                .body("rows.size()", equalTo(0));
    }

    private static void checkDurations(
            List<Request> group,
            Function<Request, Double> hours,
            Map<String, Object> row,
            String prefix,
            String count) {
        List<Double> values = group.stream()
                .map(hours)
                .filter(Objects::nonNull)
                .sorted(Comparator.naturalOrder())
                .toList();
        assertCount(values.size(), row, count);
        assertClose(values.isEmpty() ? null : percentile(values, 0.5), row, prefix + "_median_hours");
        assertClose(values.isEmpty() ? null : percentile(values, 0.9), row, prefix + "_p90_hours");
        assertClose(
                values.isEmpty()
                        ? null
                        : values.stream().mapToDouble(d -> d).average().orElseThrow(),
                row,
                prefix + "_mean_hours");
    }

    /** percentile_cont: the value at rank p(n-1), interpolated linearly between its neighbours. */
    private static double percentile(List<Double> sorted, double p) {
        double rank = p * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted.get(low) + (rank - low) * (sorted.get(high) - sorted.get(low));
    }

    private static void assertClose(Double expected, Map<String, Object> row, String column) {
        Object actual = row.get(column);
        if (expected == null) {
            assertEquals(null, actual, column);
            return;
        }
        assertNotNull(actual, column + " of " + row);
        // the server rounds to two decimals
        assertTrue(
                Math.abs(((BigDecimal) actual).doubleValue() - expected) <= 0.0051,
                column + ": expected " + expected + ", got " + actual + " in " + row);
    }

    private static void assertCount(long expected, Map<String, Object> row, String column) {
        assertEquals(expected, ((Number) row.get(column)).longValue(), column + " of " + row);
    }

    private static BigDecimal percent(long part, long whole) {
        return whole == 0
                ? null
                : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
