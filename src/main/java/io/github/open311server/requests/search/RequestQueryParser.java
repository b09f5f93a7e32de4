package io.github.open311server.requests.search;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.config.Open311Config;
import io.github.open311server.requests.search.RequestQuery.Circle;
import io.github.open311server.requests.search.RequestQuery.Filters;
import io.github.open311server.requests.search.RequestQuery.Paging;
import io.github.open311server.requests.search.RequestQuery.Sort;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Problems;
import io.github.open311server.web.QueryParams;

/**
 * GET requests parameters: the spec's (reference 2.6) and the extensions real servers converge on
 * (section 6). Every malformed value is its own error of one 400.
 */
@ApplicationScoped
public class RequestQueryParser {

    private static final List<String> STATUSES = List.of("open", "closed");
    /** Parameters that move through pages rather than define the result: not part of the fingerprint. */
    private static final Set<String> PAGING = Set.of("page", "page_token", "jurisdiction_id");

    @Inject
    Open311Config config;

    @Inject
    Datetimes datetimes;

    @Inject
    Catalogue catalogue;

    @Inject
    SearchWindow window;

    public RequestQuery parse(Jurisdiction jurisdiction, MultivaluedMap<String, String> params) {
        Problems problems = new Problems();
        boolean extensions = extensions(params, problems);
        List<String> ids = QueryParams.list(params, "service_request_id");
        if (!ids.isEmpty()) {
            if (ids.size() > config.requests().maxIds()) {
                problems.add("At most " + config.requests().maxIds() + " service_request_id values are accepted");
            }
            problems.throwIfAny();
            return RequestQuery.byIds(jurisdiction.id(), ids, extensions);
        }
        List<String> statuses = statuses(params, problems);
        OffsetDateTime start = date(params, "start_date", problems);
        OffsetDateTime end = date(params, "end_date", problems);
        OffsetDateTime updatedAfter = date(params, "updated_after", problems);
        OffsetDateTime updatedBefore = date(params, "updated_before", problems);
        var bbox = AreaParameters.bbox(params, problems);
        Circle near = AreaParameters.circle(params, config.requests().maxRadiusMetres(), problems);
        String text = text(params, problems);
        Sort sort = sort(params, near, problems);
        int pageSize =
                QueryParams.positive(params, "page_size", config.requests().maxResults(), problems);
        if (pageSize > config.requests().maxResults()) {
            problems.add("page_size may not exceed " + config.requests().maxResults());
        }
        int page = Math.max(1, QueryParams.wholeNumber(params, "page", 1, problems));
        problems.throwIfAny();

        boolean sync = updatedAfter != null || updatedBefore != null;
        List<String> agencies = QueryParams.list(params, "agency_responsible");
        Filters filters = new Filters(
                serviceRefs(jurisdiction, params),
                statuses,
                window.requested(start, end, sync),
                SearchWindow.updated(updatedAfter, updatedBefore),
                bbox,
                near,
                text,
                agencies.isEmpty() ? null : agencies);
        String fingerprint = fingerprint(jurisdiction, params);
        return new RequestQuery(
                jurisdiction.id(),
                List.of(),
                filters,
                paging(params, sort, pageSize, page, fingerprint),
                extensions,
                fingerprint);
    }

    /** A page token wins over {@code page}; only the first page of a plain {@code page_size} list is counted. */
    private static Paging paging(
            MultivaluedMap<String, String> params, Sort sort, int pageSize, int page, String fingerprint) {
        String token = QueryParams.single(params, "page_token");
        PageToken after = token == null ? null : PageToken.decode(token, sort, fingerprint);
        long offset = after != null ? after.offset() : (long) (page - 1) * pageSize;
        if (offset > Integer.MAX_VALUE) {
            throw Open311Exception.badRequest(
                    "page is too large: follow the next link (page_token) to read deep pages");
        }
        boolean countTotal = params.containsKey("page_size") && after == null && page == 1;
        return new Paging(sort, pageSize, (int) offset, after, countTotal);
    }

    /** {@code status}: open, closed or both; null when absent. */
    public static List<String> statuses(MultivaluedMap<String, String> params, Problems problems) {
        List<String> values = QueryParams.list(params, "status");
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
    public List<Long> serviceRefs(Jurisdiction jurisdiction, MultivaluedMap<String, String> params) {
        List<String> codes = QueryParams.list(params, "service_code");
        if (codes.isEmpty()) {
            return null;
        }
        return catalogue.serviceIds(jurisdiction, codes);
    }

    /** A datetime parameter: null when absent, null and a problem when malformed. */
    public OffsetDateTime date(MultivaluedMap<String, String> params, String name, Problems problems) {
        return datetimes.parameter(name, QueryParams.single(params, name), problems);
    }

    private static String text(MultivaluedMap<String, String> params, Problems problems) {
        String q = QueryParams.single(params, "q");
        if (q != null && (q.length() < 2 || q.length() > 200)) {
            problems.add("q must be 2 to 200 characters long");
            return null;
        }
        return q;
    }

    private static Sort sort(MultivaluedMap<String, String> params, Circle near, Problems problems) {
        String value = QueryParams.single(params, "sort");
        if (value == null) {
            return Sort.REQUESTED_DESC;
        }
        Sort sort = Sort.fromParameter(value);
        if (sort == null) {
            problems.add("sort must be one of -requested_datetime, requested_datetime, updated_datetime,"
                    + " -updated_datetime, distance (or desc, asc); got '" + value + "'");
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
        Problems problems = new Problems();
        boolean extensions = extensions(params, problems);
        problems.throwIfAny();
        return extensions;
    }

    private static boolean extensions(MultivaluedMap<String, String> params, Problems problems) {
        String value = QueryParams.single(params, "extensions");
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("all")) {
            return true;
        }
        problems.add("extensions must be true, all or false; got '" + value + "'");
        return false;
    }

    private static String fingerprint(Jurisdiction jurisdiction, MultivaluedMap<String, String> params) {
        return QueryFingerprint.of("", jurisdiction.id(), params, PAGING);
    }
}
