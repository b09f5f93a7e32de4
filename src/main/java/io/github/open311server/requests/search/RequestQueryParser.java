package io.github.open311server.requests.search;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.clients.Sha256;
import io.github.open311server.config.Open311Config;
import io.github.open311server.requests.search.RequestQuery.BoundingBox;
import io.github.open311server.requests.search.RequestQuery.Circle;
import io.github.open311server.requests.search.RequestQuery.Sort;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;

/**
 * GET requests parameters: the spec's (reference 2.6) and the extensions real servers converge on
 * (section 6). Lists are comma-separated and/or repeated, empty values count as absent, every
 * malformed value is its own 400 error.
 */
@ApplicationScoped
public class RequestQueryParser {

    private static final List<String> STATUSES = List.of("open", "closed");
    private static final Pattern DECIMAL = Pattern.compile("^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)$");
    /** Parameters that move through pages rather than define the result: not part of the fingerprint. */
    private static final Set<String> PAGING = Set.of("page", "page_token", "jurisdiction_id");

    @Inject
    Open311Config config;

    @Inject
    Datetimes datetimes;

    @Inject
    Catalogue catalogue;

    public RequestQuery parse(Jurisdiction jurisdiction, MultivaluedMap<String, String> params) {
        List<String> problems = new ArrayList<>();
        boolean extensions = extensions(params, problems);
        List<String> ids = list(params, "service_request_id");
        if (!ids.isEmpty()) {
            if (ids.size() > config.requests().maxIds()) {
                problems.add("At most " + config.requests().maxIds() + " service_request_id values are accepted");
            }
            fail(problems);
            return new RequestQuery(
                    jurisdiction.id(),
                    ids,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Sort.REQUESTED_DESC,
                    ids.size(),
                    0,
                    null,
                    extensions,
                    false,
                    "ids");
        }
        List<String> statuses = statuses(params, problems);
        List<Long> serviceRefs = serviceRefs(jurisdiction, params);
        OffsetDateTime start = date(params, "start_date", problems);
        OffsetDateTime end = date(params, "end_date", problems);
        OffsetDateTime updatedAfter = date(params, "updated_after", problems);
        OffsetDateTime updatedBefore = date(params, "updated_before", problems);
        BoundingBox bbox = bbox(params, problems);
        Circle near = circle(params, problems);
        String text = text(params, problems);
        List<String> agencies = list(params, "agency_responsible");
        Sort sort = sort(params, near, problems);
        int pageSize = positive(params, "page_size", config.requests().maxResults(), problems);
        if (pageSize > config.requests().maxResults()) {
            problems.add("page_size may not exceed " + config.requests().maxResults());
        }
        int page = Math.max(1, positiveOrZero(params, "page", 1, problems));
        fail(problems);

        OffsetDateTime[] window = window(start, end, updatedAfter != null || updatedBefore != null);
        if (updatedAfter != null && updatedBefore != null && updatedBefore.isBefore(updatedAfter)) {
            throw Open311Exception.badRequest("updated_before must not be before updated_after");
        }
        String fingerprint = fingerprint(jurisdiction, params);
        PageToken after = null;
        String token = single(params, "page_token");
        if (token != null) {
            after = PageToken.decode(token, sort, fingerprint);
        }
        long offset = after != null ? after.offset() : (long) (page - 1) * pageSize;
        if (offset > Integer.MAX_VALUE) {
            throw Open311Exception.badRequest(
                    "page is too large: follow the next link (page_token) to read deep pages");
        }
        boolean countTotal = params.containsKey("page_size") && after == null && page == 1;
        return new RequestQuery(
                jurisdiction.id(),
                List.of(),
                serviceRefs,
                statuses,
                window[0],
                window[1],
                updatedAfter,
                updatedBefore,
                bbox,
                near,
                text,
                agencies.isEmpty() ? null : agencies,
                sort,
                pageSize,
                (int) offset,
                after,
                extensions,
                countTotal,
                fingerprint);
    }

    /**
     * The spec's 90-day window: anchored at whichever bound is given, the last 90 days when neither is.
     * Incremental sync (updated_after/updated_before) asks for changes, not for a creation window.
     */
    private OffsetDateTime[] window(OffsetDateTime start, OffsetDateTime end, boolean sync) {
        Duration window = Duration.ofDays(config.requests().defaultWindowDays());
        if (start == null && end == null) {
            if (sync) {
                return new OffsetDateTime[] {null, null};
            }
            OffsetDateTime now = datetimes.now();
            return new OffsetDateTime[] {now.minus(window), now};
        }
        if (start == null) {
            return new OffsetDateTime[] {end.minus(window), end};
        }
        if (end == null) {
            return new OffsetDateTime[] {start, start.plus(window)};
        }
        if (end.isBefore(start)) {
            throw Open311Exception.badRequest("end_date must not be before start_date");
        }
        if (Duration.between(start, end).compareTo(window) > 0) {
            if (!"clamp".equalsIgnoreCase(config.requests().longRange())) {
                throw Open311Exception.badRequest("start_date to end_date may not span more than "
                        + config.requests().defaultWindowDays() + " days");
            }
            return new OffsetDateTime[] {end.minus(window), end};
        }
        return new OffsetDateTime[] {start, end};
    }

    private static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
    }

    private List<String> statuses(MultivaluedMap<String, String> params, List<String> problems) {
        List<String> values = list(params, "status");
        if (values.isEmpty()) {
            return null;
        }
        List<String> statuses = new ArrayList<>();
        for (String value : values) {
            String status = value.toLowerCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                problems.add("status must be open, closed or both (comma-separated); got '" + value + "'");
            } else {
                statuses.add(status);
            }
        }
        return statuses;
    }

    /** Unknown codes match nothing, as on most servers: the answer is then an empty list, not an error. */
    private List<Long> serviceRefs(Jurisdiction jurisdiction, MultivaluedMap<String, String> params) {
        List<String> codes = list(params, "service_code");
        if (codes.isEmpty()) {
            return null;
        }
        return codes.stream()
                .map(code -> catalogue.service(jurisdiction, code))
                .flatMap(Optional::stream)
                .map(CatalogueService::id)
                .toList();
    }

    private OffsetDateTime date(MultivaluedMap<String, String> params, String name, List<String> problems) {
        String value = single(params, name);
        if (value == null) {
            return null;
        }
        try {
            return datetimes.parse(name, value);
        } catch (Open311Exception e) {
            problems.add(e.errors().get(0).description());
            return null;
        }
    }

    private static BoundingBox bbox(MultivaluedMap<String, String> params, List<String> problems) {
        String value = single(params, "bbox");
        if (value == null) {
            return null;
        }
        String[] parts = value.split(",");
        double[] n = new double[parts.length];
        boolean numbers = parts.length == 4;
        for (int i = 0; numbers && i < 4; i++) {
            numbers = DECIMAL.matcher(parts[i].strip()).matches();
            n[i] = numbers ? Double.parseDouble(parts[i].strip()) : 0;
        }
        if (!numbers) {
            problems.add("bbox must be minLon,minLat,maxLon,maxLat in decimal degrees; got '" + value + "'");
            return null;
        }
        if (Math.abs(n[0]) > 180 || Math.abs(n[2]) > 180 || Math.abs(n[1]) > 90 || Math.abs(n[3]) > 90) {
            problems.add("bbox longitudes must be within -180..180 and latitudes within -90..90");
            return null;
        }
        if (n[0] > n[2] || n[1] > n[3]) {
            problems.add("bbox minimum must not exceed its maximum (order: minLon,minLat,maxLon,maxLat)");
            return null;
        }
        return new BoundingBox(n[0], n[1], n[2], n[3]);
    }

    private Circle circle(MultivaluedMap<String, String> params, List<String> problems) {
        String lat = single(params, "lat");
        String lon = single(params, "long");
        String radius = single(params, "radius");
        if (lat == null && lon == null && radius == null) {
            return null;
        }
        if (lat == null || lon == null) {
            problems.add("lat and long must both be given for a radius search");
            return null;
        }
        Double latValue = number("lat", lat, 90, problems);
        Double lonValue = number("long", lon, 180, problems);
        double max = config.requests().maxRadiusMetres();
        Double metres = radius == null ? Double.valueOf(max) : number("radius", radius, Double.MAX_VALUE, problems);
        if (metres != null && (metres <= 0 || metres > max)) {
            problems.add("radius must be more than 0 and at most " + (int) max + " metres; got " + radius);
            return null;
        }
        return latValue == null || lonValue == null || metres == null ? null : new Circle(lonValue, latValue, metres);
    }

    private static Double number(String name, String value, double limit, List<String> problems) {
        if (!DECIMAL.matcher(value).matches()) {
            problems.add(name + " must be a decimal number; got '" + value + "'");
            return null;
        }
        double n = Double.parseDouble(value);
        if (Math.abs(n) > limit) {
            problems.add(name + " is out of range; got " + value);
            return null;
        }
        return n;
    }

    private static String text(MultivaluedMap<String, String> params, List<String> problems) {
        String q = single(params, "q");
        if (q != null && (q.length() < 2 || q.length() > 200)) {
            problems.add("q must be 2 to 200 characters long");
            return null;
        }
        return q;
    }

    private static Sort sort(MultivaluedMap<String, String> params, Circle near, List<String> problems) {
        String value = single(params, "sort");
        if (value == null) {
            return Sort.REQUESTED_DESC;
        }
        Sort sort = Sort.fromParameter(value);
        if (sort == null) {
            problems.add(
                    "sort must be one of -requested_datetime, requested_datetime, updated_datetime, -updated_datetime, distance (or desc, asc); got '"
                            + value + "'");
            return Sort.REQUESTED_DESC;
        }
        if (sort == Sort.DISTANCE && near == null) {
            problems.add("sort=distance needs lat and long");
            return Sort.REQUESTED_DESC;
        }
        return sort;
    }

    /** {@code extensions}: true or all (6Aika's word) to add extended_attributes; false or absent not to. */
    public static boolean extensions(MultivaluedMap<String, String> params) {
        List<String> problems = new ArrayList<>();
        boolean extensions = extensions(params, problems);
        fail(problems);
        return extensions;
    }

    private static boolean extensions(MultivaluedMap<String, String> params, List<String> problems) {
        String value = single(params, "extensions");
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("all")) {
            return true;
        }
        problems.add("extensions must be true, all or false; got '" + value + "'");
        return false;
    }

    private static int positive(
            MultivaluedMap<String, String> params, String name, int fallback, List<String> problems) {
        int value = positiveOrZero(params, name, fallback, problems);
        if (value == 0) {
            problems.add(name + " must be a positive whole number");
            return fallback;
        }
        return value;
    }

    private static int positiveOrZero(
            MultivaluedMap<String, String> params, String name, int fallback, List<String> problems) {
        String value = single(params, name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number; got '" + value + "'");
            return fallback;
        }
    }

    /** What makes two calls the same query, so a page token cannot be replayed on a different one. */
    private static String fingerprint(Jurisdiction jurisdiction, MultivaluedMap<String, String> params) {
        TreeMap<String, List<String>> canonical = new TreeMap<>();
        params.forEach((name, values) -> {
            if (!PAGING.contains(name) && values.stream().anyMatch(v -> !v.isBlank())) {
                canonical.put(name, values);
            }
        });
        return Sha256.hex(jurisdiction.id() + "|" + canonical).substring(0, 16);
    }

    /** Values of a list parameter: comma-separated and/or repeated, trimmed, blanks dropped, de-duplicated. */
    public static List<String> list(MultivaluedMap<String, String> params, String name) {
        List<String> raw = params.get(name);
        if (raw == null) {
            return List.of();
        }
        LinkedHashSet<String> values = new LinkedHashSet<>();
        for (String value : raw) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return List.copyOf(values);
    }

    public static String single(MultivaluedMap<String, String> params, String name) {
        String value = params.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
