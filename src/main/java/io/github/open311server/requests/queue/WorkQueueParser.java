package io.github.open311server.requests.queue;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.config.Open311Config;
import io.github.open311server.requests.Channel;
import io.github.open311server.requests.lifecycle.DetailedStatus;
import io.github.open311server.requests.queue.WorkQueueQuery.Filters;
import io.github.open311server.requests.search.AreaParameters;
import io.github.open311server.requests.search.QueryFingerprint;
import io.github.open311server.requests.search.RequestQuery.Circle;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Problems;
import io.github.open311server.web.QueryParams;

/**
 * Reads a work-queue search from its query parameters. Unlike the public list, a staff search names every
 * parameter it knows and refuses the others: a misspelt filter must not quietly widen a bulk action.
 */
@ApplicationScoped
public class WorkQueueParser {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;

    private static final Set<String> PAGING = Set.of("page_size", "page_token");
    /** Every filter the queue knows (and the bulk actions' filters); any other parameter is refused. */
    public static final Set<String> FILTERS = Set.of(
            "status",
            "detailed_status",
            "service_code",
            "agency_responsible",
            "assignee",
            "unassigned",
            "priority",
            "channel",
            "overdue",
            "has_photo",
            "bbox",
            "lat",
            "long",
            "radius",
            "agency_area",
            "start_date",
            "end_date",
            "updated_after",
            "updated_before",
            "q",
            "submitter_email",
            "submitter_phone");

    private static final List<String> PRIORITIES = List.of("emergency", "high", "normal");

    @Inject
    Catalogue catalogue;

    @Inject
    Datetimes datetimes;

    @Inject
    Open311Config config;

    /** A page of the queue: the filters, {@code sort}, {@code page_size} and {@code page_token}. */
    public WorkQueueQuery page(Jurisdiction jurisdiction, MultivaluedMap<String, String> params) {
        Problems problems = new Problems();
        refuseUnknown(params, problems);
        Filters filters = filters(jurisdiction, params, problems);
        QueueSort sort = sort(params, filters.near(), problems);
        int pageSize = QueryParams.positive(params, "page_size", DEFAULT_PAGE_SIZE, problems);
        if (pageSize > MAX_PAGE_SIZE) {
            problems.add("page_size may not exceed " + MAX_PAGE_SIZE);
        }
        problems.throwIfAny();
        String fingerprint = fingerprint(jurisdiction, params);
        String token = QueryParams.single(params, "page_token");
        QueueCursor after = token == null ? null : QueueCursor.decode(token, sort, fingerprint);
        return new WorkQueueQuery(jurisdiction.id(), filters, sort, pageSize, after, fingerprint);
    }

    /**
     * The filters alone, for the counts per detailed status: a view sends the counts the query string of its
     * page, so the order and paging parameters are accepted there, and ignored.
     */
    public WorkQueueQuery filtersOnly(Jurisdiction jurisdiction, MultivaluedMap<String, String> params) {
        Problems problems = new Problems();
        refuseUnknown(params, problems);
        Filters filters = filters(jurisdiction, params, problems);
        problems.throwIfAny();
        return new WorkQueueQuery(
                jurisdiction.id(), filters, QueueSort.PRIORITY, MAX_PAGE_SIZE, null, fingerprint(jurisdiction, params));
    }

    private Filters filters(Jurisdiction jurisdiction, MultivaluedMap<String, String> params, Problems problems) {
        List<String> statuses = checked(params, "status", List.of("open", "closed"), problems);
        List<String> detailed = checked(
                params,
                "detailed_status",
                Arrays.stream(DetailedStatus.values())
                        .map(DetailedStatus::wireName)
                        .toList(),
                problems);
        if (statuses == null && detailed == null) {
            statuses = List.of("open"); // a work queue is what is still to do unless asked otherwise
        }
        if (statuses != null && statuses.size() == 2) {
            statuses = null;
        }
        List<String> serviceCodes = QueryParams.list(params, "service_code");
        List<Long> serviceRefs = serviceCodes.isEmpty() ? null : catalogue.serviceIds(jurisdiction, serviceCodes);
        if (serviceRefs != null && serviceRefs.size() < serviceCodes.size()) {
            problems.add("service_code names a service this jurisdiction does not have: " + serviceCodes);
        }
        Circle near = AreaParameters.circle(params, config.requests().maxRadiusMetres(), problems);
        String phone = QueryParams.single(params, "submitter_phone");
        String phoneDigits = phone == null ? null : phone.replaceAll("[^0-9]", "");
        if (phoneDigits != null && phoneDigits.length() < 3) {
            problems.add("submitter_phone must have at least 3 digits; got '" + phone + "'");
        }
        String text = QueryParams.single(params, "q");
        if (text != null && (text.length() < 2 || text.length() > 200)) {
            problems.add("q must be 2 to 200 characters long");
        }
        String email = QueryParams.single(params, "submitter_email");
        String agencyArea = QueryParams.single(params, "agency_area");
        return new Filters(
                statuses,
                detailed,
                serviceRefs,
                lowered(params, "agency_responsible"),
                lowered(params, "assignee"),
                tristate(params, "unassigned", problems),
                checked(params, "priority", PRIORITIES, problems),
                checked(
                        params,
                        "channel",
                        Arrays.stream(Channel.values()).map(Channel::wireName).toList(),
                        problems),
                tristate(params, "overdue", problems),
                tristate(params, "has_photo", problems),
                AreaParameters.bbox(params, problems),
                near,
                agencyArea == null ? null : agencyArea.toLowerCase(Locale.ROOT),
                date(params, "start_date", problems),
                date(params, "end_date", problems),
                date(params, "updated_after", problems),
                date(params, "updated_before", problems),
                text,
                email == null ? null : email.toLowerCase(Locale.ROOT),
                phoneDigits,
                datetimes.now());
    }

    private static QueueSort sort(MultivaluedMap<String, String> params, Circle near, Problems problems) {
        String value = QueryParams.single(params, "sort");
        if (value == null) {
            return QueueSort.PRIORITY;
        }
        QueueSort sort = QueueSort.fromParameter(value).orElse(null);
        if (sort == null) {
            problems.add("sort must be one of priority, expected_datetime, -requested_datetime, distance; got '" + value
                    + "'");
            return QueueSort.PRIORITY;
        }
        if (sort == QueueSort.DISTANCE && near == null) {
            problems.add("sort=distance needs lat and long");
            return QueueSort.PRIORITY;
        }
        return sort;
    }

    private static void refuseUnknown(MultivaluedMap<String, String> params, Problems problems) {
        TreeSet<String> unknown = new TreeSet<>();
        for (String name : params.keySet()) {
            if (!FILTERS.contains(name) && !PAGING.contains(name) && !name.equals("sort")) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add("Unknown parameters " + unknown + "; the work queue filters by " + new TreeSet<>(FILTERS));
        }
    }

    /** A list parameter whose values must come from {@code allowed} (any case); null when absent. */
    private static List<String> checked(
            MultivaluedMap<String, String> params, String name, List<String> allowed, Problems problems) {
        List<String> values = lowered(params, name);
        if (values == null) {
            return null;
        }
        for (String value : values) {
            if (!allowed.contains(value)) {
                problems.add(name + " must be one or more of " + String.join(", ", allowed) + "; got '" + value + "'");
            }
        }
        return values;
    }

    /** A list parameter's values in lower case, each once; null when absent. */
    private static List<String> lowered(MultivaluedMap<String, String> params, String name) {
        List<String> values = QueryParams.list(params, name).stream()
                .map(v -> v.toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        return values.isEmpty() ? null : values;
    }

    /** true, false, or null when absent (not filtered). */
    private static Boolean tristate(MultivaluedMap<String, String> params, String name, Problems problems) {
        String value = QueryParams.single(params, name);
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value.toLowerCase(Locale.ROOT));
        }
        problems.add(name + " must be true or false; got '" + value + "'");
        return null;
    }

    private OffsetDateTime date(MultivaluedMap<String, String> params, String name, Problems problems) {
        return datetimes.parameter(name, QueryParams.single(params, name), problems);
    }

    private static String fingerprint(Jurisdiction jurisdiction, MultivaluedMap<String, String> params) {
        return QueryFingerprint.of("queue|", jurisdiction.id(), params, PAGING);
    }
}
