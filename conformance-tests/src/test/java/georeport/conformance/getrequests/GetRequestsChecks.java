package georeport.conformance.getrequests;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import georeport.conformance.support.Api;
import georeport.conformance.support.Checks;
import georeport.conformance.support.Compare;
import georeport.conformance.support.Dates;
import georeport.conformance.support.DocKind;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fixtures;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Http;
import georeport.conformance.support.Trees;

import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET Service Requests (spec 2.6): windows, caps, filters, date formats. */
@DisplayName("getrequests")
class GetRequestsChecks {

    static final Duration SLACK = Duration.ofDays(1);

    static Http.Response raw(Fmt f, String... kv) {
        Api.Call c = Api.get("requests." + f.suffix);
        for (int i = 0; i + 1 < kv.length; i += 2) {
            c.param(kv[i], kv[i + 1]);
        }
        return c.send();
    }

    static Docs.Doc list(Fmt f, String... kv) {
        return Docs.expect(raw(f, kv), DocKind.REQUESTS, f);
    }

    static List<String> ids(Docs.Doc d) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : items(d.tree())) {
            out.add(str(r, "service_request_id"));
        }
        return out;
    }

    static Instant requested(JsonNode r) {
        OffsetDateTime t = Dates.parse(str(r, "requested_datetime"));
        if (t == null) {
            throw new AssertionError("requested_datetime " + str(r, "requested_datetime") + " of "
                    + str(r, "service_request_id") + " is not a W3C datetime");
        }
        return t.toInstant();
    }

    /** The default list, made non-empty by creating a request when needed (and possible). */
    static List<JsonNode> known() {
        List<JsonNode> rs = items(list(Fmt.JSON).tree());
        if (rs.isEmpty()) {
            Fixtures.someIds(1);
            rs = items(list(Fmt.JSON).tree());
        }
        Checks.skipIf(rs.isEmpty(), "GET requests lists no request of the last 90 days");
        return rs;
    }

    // ------------------------------------------------------------------ default answer

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("2.6 requests.{xml,json} without parameters answers 200 with a valid request list")
    void listIsValid(Fmt f) {
        list(f);
    }

    @Test
    @DisplayName("2.6 no parameters -> only requests of the last 90 days")
    void default90Days() {
        Instant from = Instant.now().minus(Duration.ofDays(90)).minus(SLACK);
        // known(): an empty default list would pass without judging a single request
        for (JsonNode r : known()) {
            assertTrue(
                    !requested(r).isBefore(from),
                    "request " + str(r, "service_request_id") + " requested " + str(r, "requested_datetime")
                            + " is older than 90 days");
        }
    }

    @Test
    @DisplayName("2.6 no parameters -> newest first by requested_datetime (recommendation)")
    void newestFirst() {
        Checks.recommendation();
        // fewer than two requests have no order: the loop below would pass without comparing anything
        List<JsonNode> rs = known();
        Checks.skipIf(rs.size() < 2, "GET requests lists only one request: no order to check");
        Instant prev = null;
        String prevId = null;
        for (JsonNode r : rs) {
            Instant t = requested(r);
            if (prev != null) {
                assertTrue(
                        !t.isAfter(prev),
                        str(r, "service_request_id") + " (" + t + ") comes after older " + prevId + " (" + prev + ")");
            }
            prev = t;
            prevId = str(r, "service_request_id");
        }
    }

    @Test
    @DisplayName("2.6 no parameters -> at most 1000 requests")
    void cap1000() {
        int n = items(list(Fmt.JSON).tree()).size();
        assertTrue(n <= 1000, n + " requests returned; the default limit is 1000");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "2.6 every request carries service_request_id, status open|closed, service_code and a zoned requested_datetime")
    void requiredFields(Fmt f) {
        List<JsonNode> rs = items(list(f).tree());
        if (rs.isEmpty()) {
            // known() creates a request (or skips when it cannot), so the loop below has something to judge
            known();
            rs = items(list(f).tree());
        }
        assertTrue(!rs.isEmpty(), "no requests to check in requests." + f.suffix + ": the check would pass vacuously");
        List<String> problems = new ArrayList<>();
        for (JsonNode r : rs) {
            String id = str(r, "service_request_id");
            if (id == null) {
                problems.add("request without service_request_id: " + r);
                continue;
            }
            if (!Set.of("open", "closed").contains(String.valueOf(str(r, "status")))) {
                problems.add(id + ": status " + str(r, "status"));
            }
            if (str(r, "service_code") == null) {
                problems.add(id + ": no service_code");
            }
            if (Dates.parse(str(r, "requested_datetime")) == null) {
                problems.add(id + ": requested_datetime " + str(r, "requested_datetime"));
            }
        }
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    @DisplayName(
            "1.3 output datetimes match ^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})$ (seconds, zone) (recommendation)")
    void checklistDateForm() {
        Checks.recommendation();
        List<String> bad = new ArrayList<>();
        // known(): an empty default list would pass without looking at one datetime
        for (JsonNode r : known()) {
            for (String field : List.of("requested_datetime", "updated_datetime", "expected_datetime")) {
                String v = str(r, field);
                if (v != null && !Dates.CHECKLIST.matcher(v).matches()) {
                    bad.add(str(r, "service_request_id") + "." + field + "=" + v);
                }
            }
        }
        assertTrue(bad.isEmpty(), "datetimes not in the checklist form: " + bad.subList(0, Math.min(10, bad.size())));
    }

    @Test
    @DisplayName("1.2 requests.xml and requests.json carry the same content (field by field, same ids)")
    void xmlEqualsJson() {
        List<String> some = Fixtures.someIds(20);
        String idList = String.join(",", some);
        JsonNode x = list(Fmt.XML, "service_request_id", idList).tree();
        JsonNode j = list(Fmt.JSON, "service_request_id", idList).tree();
        List<String> diff = Compare.diff(x, j);
        assertTrue(diff.isEmpty(), "XML and JSON differ for service_request_id=" + idList + ": " + diff);
    }

    // ------------------------------------------------------------------ date windows

    @Test
    @DisplayName("2.6 start_date and end_date are inclusive: start_date=end_date=T finds a request requested at T")
    void inclusiveBounds() {
        JsonNode r = known().get(0);
        String t = str(r, "requested_datetime");
        List<String> got = ids(list(Fmt.JSON, "start_date", t, "end_date", t));
        assertTrue(
                got.contains(str(r, "service_request_id")),
                "start_date=end_date=" + t + " must include " + str(r, "service_request_id") + "; got " + got);
    }

    @Test
    @DisplayName("2.6 start_date..end_date returns exactly the requests requested inside the range")
    void rangeFilters() {
        List<JsonNode> all = known();
        Instant newest = requested(all.get(0));
        Instant end = newest.minus(Duration.ofHours(1));
        Instant start = end.minus(Duration.ofDays(20));
        Docs.Doc d = list(Fmt.JSON, "start_date", Dates.utc(start), "end_date", Dates.utc(end));
        Set<String> got = new HashSet<>(ids(d));
        for (JsonNode r : items(d.tree())) {
            Instant t = requested(r);
            assertTrue(
                    !t.isBefore(start.truncatedTo(ChronoUnit.SECONDS)) && !t.isAfter(end),
                    str(r, "service_request_id") + " requested " + t + " is outside " + start + ".." + end);
        }
        if (all.size() < 1000) {
            for (JsonNode r : all) {
                Instant t = requested(r);
                if (!t.isBefore(start) && !t.isAfter(end)) {
                    assertTrue(
                            got.contains(str(r, "service_request_id")),
                            str(r, "service_request_id") + " requested " + t + " is inside the range but missing");
                }
            }
        }
    }

    @Test
    @DisplayName("2.6 only start_date -> no request before start_date")
    void onlyStart() {
        Instant start = Instant.now().minus(Duration.ofDays(10));
        for (JsonNode r : items(list(Fmt.JSON, "start_date", Dates.utc(start)).tree())) {
            assertTrue(
                    !requested(r).isBefore(start.truncatedTo(ChronoUnit.SECONDS)),
                    str(r, "service_request_id") + " is before start_date " + start);
        }
    }

    @Test
    @DisplayName("2.6 only end_date -> no request after end_date")
    void onlyEnd() {
        Instant end = Instant.now().minus(Duration.ofDays(5));
        for (JsonNode r : items(list(Fmt.JSON, "end_date", Dates.utc(end)).tree())) {
            assertTrue(!requested(r).isAfter(end), str(r, "service_request_id") + " is after end_date " + end);
        }
    }

    @Test
    @DisplayName("2.6 only start_date -> at most 90 days from start_date (recommendation)")
    void onlyStartWindow() {
        Checks.recommendation();
        Instant start = Instant.now().minus(Duration.ofDays(200));
        Instant last = start.plus(Duration.ofDays(90)).plus(SLACK);
        for (JsonNode r : items(list(Fmt.JSON, "start_date", Dates.utc(start)).tree())) {
            Instant t = requested(r);
            assertTrue(
                    !t.isBefore(start) && !t.isAfter(last),
                    str(r, "service_request_id") + " (" + t + ") outside [" + start + ", start+90d]");
        }
    }

    @Test
    @DisplayName("2.6 only end_date -> at most 90 days before end_date (recommendation)")
    void onlyEndWindow() {
        Checks.recommendation();
        Instant end = Instant.now().minus(Duration.ofDays(5));
        Instant first = end.minus(Duration.ofDays(90)).minus(SLACK);
        for (JsonNode r : items(list(Fmt.JSON, "end_date", Dates.utc(end)).tree())) {
            Instant t = requested(r);
            assertTrue(
                    !t.isBefore(first) && !t.isAfter(end),
                    str(r, "service_request_id") + " (" + t + ") outside [end-90d, " + end + "]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "2.6 a start_date..end_date range over 90 days -> 400 error document, or a result spanning at most 90 days")
    void rangeOver90Days(Fmt f) {
        Instant end = Instant.now();
        Instant start = end.minus(Duration.ofDays(120));
        Http.Response r = raw(f, "start_date", Dates.utc(start), "end_date", Dates.utc(end));
        if (r.status() == 400) {
            Docs.expectError(r, 400, f);
            return;
        }
        Docs.Doc d = Docs.expect(r, DocKind.REQUESTS, f);
        Instant min = null;
        Instant max = null;
        for (JsonNode q : items(d.tree())) {
            Instant t = requested(q);
            min = min == null || t.isBefore(min) ? t : min;
            max = max == null || t.isAfter(max) ? t : max;
            assertTrue(
                    !t.isBefore(start.truncatedTo(ChronoUnit.SECONDS)) && !t.isAfter(end),
                    "request outside the asked range: " + str(q, "service_request_id"));
        }
        if (min != null) {
            assertTrue(
                    Duration.between(min, max).compareTo(Duration.ofDays(90).plus(SLACK)) <= 0,
                    "a 120-day range was answered with requests spanning "
                            + Duration.between(min, max).toDays() + " days (max 90)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("2.6 no match (a range in 1990) -> 200 with an empty list")
    void emptyResult(Fmt f) {
        Docs.Doc d = list(f, "start_date", "1990-01-01T00:00:00Z", "end_date", "1990-01-02T00:00:00Z");
        assertTrue(items(d.tree()).isEmpty(), "expected an empty list, got " + ids(d));
    }

    // ------------------------------------------------------------------ date formats (1.3)

    enum DateForm {
        Z("Z"),
        PLUS("+02:00 offset"),
        MINUS("-05:00 offset"),
        FRACTION("fractional seconds .000Z"),
        FRACTION_OFFSET("fraction and offset .5+01:00");

        final String label;

        DateForm(String label) {
            this.label = label;
        }

        String write(Instant i) {
            Instant s = i.truncatedTo(ChronoUnit.SECONDS);
            return switch (this) {
                case Z -> Dates.utc(s);
                case PLUS -> Dates.withOffset(s, ZoneOffset.ofHours(2));
                case MINUS -> Dates.withOffset(s, ZoneOffset.ofHours(-5));
                case FRACTION -> Dates.utc(s).replace("Z", ".000Z");
                case FRACTION_OFFSET ->
                    Dates.withOffset(s, ZoneOffset.ofHours(1)).replace("+01:00", ".0+01:00");
            };
        }

        @Override
        public String toString() {
            return label;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DateForm.class)
    @DisplayName(
            "1.3 start_date/end_date written with Z, an offset or fractions select the same requests as the Z form")
    void dateForms(DateForm form) {
        List<JsonNode> all = known();
        Instant end = requested(all.get(0)).plus(Duration.ofMinutes(1));
        Instant start = end.minus(Duration.ofDays(7));
        Set<String> baseline = new TreeSet<>(
                ids(list(Fmt.JSON, "start_date", DateForm.Z.write(start), "end_date", DateForm.Z.write(end))));
        Http.Response r = raw(Fmt.JSON, "start_date", form.write(start), "end_date", form.write(end));
        Set<String> got = new TreeSet<>(ids(Docs.expect(r, DocKind.REQUESTS, Fmt.JSON)));
        assertEquals(
                baseline,
                got,
                "same instants written as '" + form.write(start) + "' select other requests: " + r.request());
    }

    @Test
    @DisplayName("1.3 date-only start_date/end_date (2024-05-01) are accepted (recommendation)")
    void dateOnly() {
        Checks.recommendation();
        List<JsonNode> all = known();
        JsonNode r0 = all.get(0);
        String day = str(r0, "requested_datetime").substring(0, 10);
        String next = LocalDate.parse(day).plusDays(1).toString();
        Docs.Doc d = list(Fmt.JSON, "start_date", day, "end_date", next);
        assertTrue(
                ids(d).contains(str(r0, "service_request_id")),
                "start_date=" + day + "&end_date=" + next + " must include " + str(r0, "service_request_id")
                        + " requested " + str(r0, "requested_datetime") + "; got " + ids(d));
    }

    @Test
    @DisplayName("1.3 zone-less start_date/end_date (2024-05-01T10:00:00) are accepted (recommendation)")
    void zoneLess() {
        Checks.recommendation();
        String s = LocalDateTime.now()
                .minusDays(3)
                .truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        String e = LocalDateTime.now()
                .plusDays(1)
                .truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        list(Fmt.JSON, "start_date", s, "end_date", e);
    }

    // ------------------------------------------------------------------ filters

    @Test
    @DisplayName("2.6 status=open returns only open, status=closed only closed requests")
    void statusFilter() {
        // the default list (all statuses) holds a request, so the two filters together must list something to judge
        int size = known().size();
        int checked = 0;
        for (String st : List.of("open", "closed")) {
            for (JsonNode r : items(list(Fmt.JSON, "status", st).tree())) {
                assertEquals(st, str(r, "status"), "status=" + st + " returned " + str(r, "service_request_id"));
                checked++;
            }
        }
        assertTrue(
                checked > 0,
                "no requests to check: status=open and status=closed list nothing although the default list has " + size
                        + " (the check would pass vacuously)");
    }

    @Test
    @DisplayName("2.6 status=open,closed returns the same requests as no status filter")
    void statusBoth() {
        List<String> all = ids(list(Fmt.JSON));
        Set<String> both = new TreeSet<>(ids(list(Fmt.JSON, "status", "open,closed")));
        assertEquals(new TreeSet<>(all), both, "status=open,closed must equal the unfiltered list");
    }

    @Test
    @DisplayName("2.6 service_code=A returns only A; service_code=A,B returns the union of A and B")
    void serviceCodeFilter() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode r : known()) {
            counts.merge(str(r, "service_code"), 1, Integer::sum);
        }
        List<String> codes = new ArrayList<>(counts.keySet());
        String a = codes.get(0);
        Set<String> onlyA = new TreeSet<>();
        for (JsonNode r : items(list(Fmt.JSON, "service_code", a).tree())) {
            assertEquals(a, str(r, "service_code"), "service_code=" + a + " returned " + str(r, "service_request_id"));
            onlyA.add(str(r, "service_request_id"));
        }
        assertTrue(
                !onlyA.isEmpty(),
                "service_code=" + a + " returned nothing although the default list has " + counts.get(a));
        Checks.skipIf(codes.size() < 2, "only one service code in the recent requests: no union to check");
        String b = codes.get(1);
        Set<String> onlyB = new TreeSet<>(ids(list(Fmt.JSON, "service_code", b)));
        Set<String> union = new TreeSet<>(ids(list(Fmt.JSON, "service_code", a + "," + b)));
        Set<String> expected = new TreeSet<>(onlyA);
        expected.addAll(onlyB);
        assertEquals(expected, union, "service_code=" + a + "," + b + " must be the union of both filters");
    }

    @Test
    @DisplayName("2.6 service_request_id=X,Y returns exactly those requests, overriding dates, status and service_code")
    void idListOverrides() {
        List<String> some = Fixtures.someIds(2);
        String idList = String.join(",", some);
        Set<String> plain = new TreeSet<>(ids(list(Fmt.JSON, "service_request_id", idList)));
        assertEquals(new TreeSet<>(some), plain, "service_request_id=" + idList);
        Set<String> withOthers = new TreeSet<>(ids(list(
                Fmt.JSON,
                "service_request_id",
                idList,
                "start_date",
                "1990-01-01T00:00:00Z",
                "end_date",
                "1990-01-02T00:00:00Z",
                "service_code",
                "CONFORMANCE-NO-SUCH-CODE")));
        assertEquals(
                new TreeSet<>(some),
                withOthers,
                "service_request_id must override start_date/end_date/service_code (spec 2.6)");
    }

    @Test
    @DisplayName(
            "1.4 optional parameters sent empty (jurisdiction_id=, service_code=, start_date=, end_date=, status=, service_request_id=) equal absent")
    void emptyParameters() {
        List<String> plain = ids(list(Fmt.JSON));
        List<String> problems = new ArrayList<>();
        for (String p :
                List.of("jurisdiction_id", "service_code", "start_date", "end_date", "status", "service_request_id")) {
            Http.Response r = raw(Fmt.JSON, p, "");
            try {
                List<String> got = ids(Docs.expect(r, DocKind.REQUESTS, Fmt.JSON));
                if (!got.equals(plain)) {
                    problems.add(p + "= gave " + got.size() + " requests instead of " + plain.size());
                }
            } catch (AssertionError e) {
                problems.add(p + "= : " + e.getMessage());
            }
        }
        assertTrue(problems.isEmpty(), String.join(" || ", problems));
    }

    @Test
    @DisplayName("6.1 page/page_size partition the result without overlap; a page past the end is empty (extension)")
    void paging() {
        List<String> all = ids(list(Fmt.JSON));
        Checks.skipIf(all.size() < 4, "fewer than 4 requests: nothing to page");
        List<String> p1 = ids(list(Fmt.JSON, "page", "1", "page_size", "2"));
        Checks.skipIf(p1.size() > 2, "page/page_size are not implemented (an extension, docs 6.1)");
        List<String> p2 = ids(list(Fmt.JSON, "page", "2", "page_size", "2"));
        Set<String> overlap = new HashSet<>(p1);
        overlap.retainAll(p2);
        assertTrue(overlap.isEmpty(), "pages 1 and 2 overlap: " + overlap);
        assertEquals(all.subList(0, 4), concat(p1, p2), "pages 1+2 of size 2 must be the first 4 requests");
        List<String> past = ids(list(Fmt.JSON, "page", String.valueOf(all.size() + 10), "page_size", "2"));
        assertTrue(past.isEmpty(), "a page past the end must be empty, got " + past);
    }

    @Test
    @DisplayName("6.2 updated_after/updated_before filter on updated_datetime, bounds inclusive (extension)")
    void updatedFilters() {
        List<String> all = ids(list(Fmt.JSON));
        List<String> future =
                ids(list(Fmt.JSON, "updated_after", Dates.utc(Instant.now().plus(Duration.ofDays(2)))));
        Checks.skipIf(
                !all.isEmpty() && future.equals(all),
                "updated_after is not implemented (an extension, docs 6.2): ignored");
        assertTrue(future.isEmpty(), "updated_after in the future must select nothing, got " + future);
        Instant after = Instant.now().minus(Duration.ofDays(3));
        Instant before = Instant.now().minus(Duration.ofDays(1));
        for (JsonNode r : items(list(Fmt.JSON, "updated_after", Dates.utc(after), "updated_before", Dates.utc(before))
                .tree())) {
            OffsetDateTime u = Dates.parse(str(r, "updated_datetime"));
            assertTrue(
                    u != null
                            && !u.toInstant().isBefore(after.truncatedTo(ChronoUnit.SECONDS))
                            && !u.toInstant().isAfter(before),
                    str(r, "service_request_id") + " updated " + str(r, "updated_datetime") + " is outside " + after
                            + ".." + before);
        }
    }

    @Test
    @DisplayName("6.3 extensions=true adds extended_attributes, and only then (extension)")
    void extensionsSwitch() {
        String idList = String.join(",", Fixtures.someIds(10));
        List<JsonNode> with = items(list(Fmt.JSON, "service_request_id", idList, "extensions", "true")
                .tree());
        boolean any = with.stream().anyMatch(r -> r.has("extended_attributes"));
        Checks.skipIf(!any, "extensions=true adds no extended_attributes: not implemented (an extension, docs 6.3)");
        List<JsonNode> without =
                items(list(Fmt.JSON, "service_request_id", idList).tree());
        // the ids exist, so an empty answer would only hide the rule below
        assertTrue(
                !without.isEmpty(),
                "no requests to check for service_request_id=" + idList + ": the check would pass vacuously");
        for (JsonNode r : without) {
            assertTrue(
                    !r.has("extended_attributes"),
                    str(r, "service_request_id") + " carries extended_attributes without extensions=true");
        }
    }

    @Test
    @DisplayName("6.4 bbox=minLon,minLat,maxLon,maxLat returns only requests inside the box (extension)")
    void bboxFilter() {
        List<JsonNode> all = known();
        JsonNode located = all.stream()
                .filter(r -> Trees.num(r, "lat") != null && Trees.num(r, "long") != null)
                .findFirst()
                .orElse(null);
        Checks.skipIf(located == null, "no recent request has lat/long");
        double lat = Trees.num(located, "lat").doubleValue();
        double lon = Trees.num(located, "long").doubleValue();
        List<String> far = ids(list(Fmt.JSON, "bbox", box(lon + 50, lat - 60)));
        Checks.skipIf(far.equals(ids(list(Fmt.JSON))), "bbox is not implemented (an extension, docs 6.4): ignored");
        assertTrue(far.isEmpty() || far.size() < all.size(), "a far-away bbox returns everything");
        Docs.Doc d = list(Fmt.JSON, "bbox", box(lon, lat));
        assertTrue(
                ids(d).contains(str(located, "service_request_id")),
                "the bbox around " + str(located, "service_request_id") + " misses it");
        for (JsonNode r : items(d.tree())) {
            double la = Trees.num(r, "lat").doubleValue();
            double lo = Trees.num(r, "long").doubleValue();
            assertTrue(
                    Math.abs(la - lat) <= 0.0101 && Math.abs(lo - lon) <= 0.0101,
                    str(r, "service_request_id") + " lies outside the bbox");
        }
    }

    static String box(double lon, double lat) {
        return String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01);
    }

    @Test
    @DisplayName("6.4 lat+long+radius (metres) returns only requests within the radius (extension)")
    void radiusFilter() {
        List<JsonNode> all = known();
        JsonNode located = all.stream()
                .filter(r -> Trees.num(r, "lat") != null && Trees.num(r, "long") != null)
                .findFirst()
                .orElse(null);
        Checks.skipIf(located == null, "no recent request has lat/long");
        double lat = Trees.num(located, "lat").doubleValue();
        double lon = Trees.num(located, "long").doubleValue();
        List<String> far = ids(list(
                Fmt.JSON,
                "lat",
                String.valueOf(-lat),
                "long",
                String.valueOf(lon > 0 ? lon - 170 : lon + 170),
                "radius",
                "100"));
        Checks.skipIf(
                far.equals(ids(list(Fmt.JSON))),
                "lat/long/radius is not implemented (an extension, docs 6.4): ignored");
        Docs.Doc d = list(Fmt.JSON, "lat", String.valueOf(lat), "long", String.valueOf(lon), "radius", "500");
        assertTrue(
                ids(d).contains(str(located, "service_request_id")),
                "radius 500 m around " + str(located, "service_request_id") + " misses it");
        for (JsonNode r : items(d.tree())) {
            double dist = metres(
                    lat,
                    lon,
                    Trees.num(r, "lat").doubleValue(),
                    Trees.num(r, "long").doubleValue());
            assertTrue(
                    dist <= 510, str(r, "service_request_id") + " lies " + Math.round(dist) + " m away (radius 500)");
        }
    }

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

    static List<String> concat(List<String> a, List<String> b) {
        List<String> c = new ArrayList<>(a);
        c.addAll(b);
        return c;
    }
}
