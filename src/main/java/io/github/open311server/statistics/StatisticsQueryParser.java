package io.github.open311server.statistics;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.config.Open311Config;
import io.github.open311server.requests.search.AreaParameters;
import io.github.open311server.requests.search.RequestQueryParser;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Problems;
import io.github.open311server.web.QueryParams;

/**
 * The parameters of a statistic: the request list's filters (service_code, status, agency_responsible,
 * bbox, lat/long/radius) and window (start_date, end_date: the last 90 days when absent), plus
 * {@code group_by} (at most two dimensions) and, for counts, {@code interval}. Every malformed value is
 * its own error of one 400.
 */
@ApplicationScoped
public class StatisticsQueryParser {

    static final int DEFAULT_WINDOW_DAYS = 90;
    /** Ten years: a statistic reads every request of its window, so the window is bounded. */
    static final int MAX_WINDOW_DAYS = 3653;
    /** Periods of one answer: a daily series of ten years would be a download, not a statistic. */
    static final int MAX_PERIODS = 1000;

    /** What information contacts can be grouped by: they have no status, agency or place. */
    private static final List<Dimension> CONTACT_GROUPS =
            List.of(Dimension.SERVICE_CODE, Dimension.SERVICE_GROUP, Dimension.CHANNEL);

    static final int MAX_GROUPS = 2;

    @Inject
    Datetimes datetimes;

    @Inject
    RequestQueryParser requests;

    @Inject
    Open311Config config;

    public StatisticsQuery parse(
            StatisticKind kind, Jurisdiction jurisdiction, MultivaluedMap<String, String> params, boolean staff) {
        Problems problems = new Problems();
        OffsetDateTime start = requests.date(params, "start_date", problems);
        OffsetDateTime end = requests.date(params, "end_date", problems);
        List<String> statuses = RequestQueryParser.statuses(params, problems);
        var bbox = AreaParameters.bbox(params, problems);
        var near = AreaParameters.circle(params, config.requests().maxRadiusMetres(), problems);
        List<Dimension> groups = groups(kind, params, staff, problems);
        Interval interval = interval(kind, params, problems);
        problems.throwIfAny();

        OffsetDateTime to = null;
        OffsetDateTime from = null;
        if (kind != StatisticKind.BACKLOG || start != null || end != null) {
            // the default end is the current minute, so that repeated calls are one question (and one cache entry)
            to = end != null ? end : datetimes.now().truncatedTo(ChronoUnit.MINUTES);
            from = start != null ? start : to.minusDays(DEFAULT_WINDOW_DAYS);
            window(from, to, interval);
        }
        if (kind == StatisticKind.CONTACTS
                && (statuses != null
                        || bbox != null
                        || near != null
                        || params.containsKey("agency_responsible")
                        || groups.stream().anyMatch(d -> !CONTACT_GROUPS.contains(d)))) {
            throw Open311Exception.badRequest("contacts are counted by service_code, service_group and channel only:"
                    + " no status, agency or area");
        }
        if (kind == StatisticKind.BACKLOG && statuses != null) {
            throw Open311Exception.badRequest("status does not apply to the backlog: it is every open request");
        }
        List<String> agencies = QueryParams.list(params, "agency_responsible").stream()
                .map(a -> a.toLowerCase(Locale.ROOT))
                .toList();
        return new StatisticsQuery(
                kind,
                jurisdiction.id(),
                from,
                to,
                requests.serviceRefs(jurisdiction, params),
                statuses,
                agencies.isEmpty() ? null : agencies,
                bbox,
                near,
                groups,
                interval,
                staff);
    }

    static void window(OffsetDateTime from, OffsetDateTime to, Interval interval) {
        if (!to.isAfter(from)) {
            throw Open311Exception.badRequest("end_date must be after start_date");
        }
        Duration span = Duration.between(from, to);
        if (span.compareTo(Duration.ofDays(MAX_WINDOW_DAYS)) > 0) {
            throw Open311Exception.badRequest(
                    "start_date to end_date may not span more than " + MAX_WINDOW_DAYS + " days (ten years)");
        }
        if (interval != null) {
            Duration period = switch (interval) {
                case DAY -> Duration.ofDays(1);
                case WEEK -> Duration.ofDays(7);
                case MONTH -> Duration.ofDays(28); // the shortest month: a bound, never too low
                case YEAR -> Duration.ofDays(365);
            };
            if (span.compareTo(period.multipliedBy(MAX_PERIODS)) > 0) {
                throw Open311Exception.badRequest("interval=" + interval.wireName() + " gives more than " + MAX_PERIODS
                        + " periods for this window: use a longer interval or a shorter window");
            }
        }
    }

    private static List<Dimension> groups(
            StatisticKind kind, MultivaluedMap<String, String> params, boolean staff, Problems problems) {
        List<String> names = QueryParams.list(params, "group_by");
        if (names.isEmpty()) {
            return params.containsKey("group_by") ? List.of() : kind.defaultGroups();
        }
        List<Dimension> groups = new ArrayList<>();
        for (String name : names) {
            Optional<Dimension> dimension =
                    Dimension.fromWire(name.toLowerCase(Locale.ROOT)).filter(d -> staff || !d.staffOnly());
            if (dimension.isEmpty()) {
                problems.add("group_by must name at most " + MAX_GROUPS + " of "
                        + java.util.Arrays.stream(Dimension.values())
                                .filter(d -> staff || !d.staffOnly())
                                .map(Dimension::wireName)
                                .toList()
                        + "; got '" + name + "'");
            } else {
                groups.add(dimension.get());
            }
        }
        if (groups.size() > MAX_GROUPS) {
            problems.add("group_by names at most " + MAX_GROUPS + " dimensions");
        }
        return List.copyOf(groups);
    }

    private static Interval interval(StatisticKind kind, MultivaluedMap<String, String> params, Problems problems) {
        String value = QueryParams.single(params, "interval");
        if (value == null) {
            return null;
        }
        if (kind != StatisticKind.REQUESTS && kind != StatisticKind.CONTACTS) {
            problems.add("interval applies to the requests and contacts statistics only");
            return null;
        }
        Optional<Interval> interval = Interval.fromWire(value.toLowerCase(Locale.ROOT));
        if (interval.isEmpty()) {
            problems.add("interval must be day, week, month or year; got '" + value + "'");
        }
        return interval.orElse(null);
    }
}
