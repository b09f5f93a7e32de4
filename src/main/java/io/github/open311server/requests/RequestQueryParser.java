package io.github.open311server.requests;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;

import io.github.open311server.config.Open311Config;
import io.github.open311server.errors.Open311Exception;
import io.github.open311server.jurisdictions.Jurisdiction;
import io.github.open311server.services.Catalogue;
import io.github.open311server.services.CatalogueService;
import io.github.open311server.time.Datetimes;

/**
 * GET requests parameters (reference 2.6): comma lists or repeated parameters, empty values as
 * absent, the 90-day window anchored at whichever bound is given, and the result cap.
 */
@ApplicationScoped
public class RequestQueryParser {

    private static final List<String> STATUSES = List.of("open", "closed");

    @Inject
    Open311Config config;

    @Inject
    Datetimes datetimes;

    @Inject
    Catalogue catalogue;

    public RequestQuery parse(Jurisdiction jurisdiction, MultivaluedMap<String, String> params) {
        int cap = config.requests().maxResults();
        List<String> ids = list(params, "service_request_id");
        if (!ids.isEmpty()) {
            if (ids.size() > config.requests().maxIds()) {
                throw Open311Exception.badRequest("At most " + config.requests().maxIds() + " service_request_id values are accepted");
            }
            return new RequestQuery(jurisdiction.id(), ids, null, null, null, null, ids.size());
        }
        List<String> problems = new ArrayList<>();
        List<String> statuses = statuses(params, problems);
        List<Long> serviceRefs = serviceRefs(jurisdiction, params);
        OffsetDateTime start = date(params, "start_date", problems);
        OffsetDateTime end = date(params, "end_date", problems);
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
        Duration window = Duration.ofDays(config.requests().defaultWindowDays());
        if (start == null && end == null) {
            end = datetimes.now();
            start = end.minus(window);
        } else if (start == null) {
            start = end.minus(window);
        } else if (end == null) {
            end = start.plus(window);
        } else if (end.isBefore(start)) {
            throw Open311Exception.badRequest("end_date must not be before start_date");
        } else if (Duration.between(start, end).compareTo(window) > 0) {
            if (!"clamp".equalsIgnoreCase(config.requests().longRange())) {
                throw Open311Exception.badRequest("start_date to end_date may not span more than "
                        + config.requests().defaultWindowDays() + " days");
            }
            start = end.minus(window);
        }
        return new RequestQuery(jurisdiction.id(), List.of(), serviceRefs, statuses, start, end, cap);
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
                .flatMap(java.util.Optional::stream)
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
