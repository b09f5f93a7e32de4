package io.github.open311server.statistics;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.config.Open311Config;
import io.github.open311server.requests.search.RequestListSql;
import io.github.open311server.requests.search.SqlStatement;

/**
 * The SQL of every statistic, built in one place: the endpoints, the tests and {@code make bench} run these
 * statements. Each is one aggregate over the requests of a window of one jurisdiction, read through the
 * (jurisdiction, requested_datetime) index; groups are named by output position, so an expression with
 * parameters (the period in the city's time zone) groups as it is selected. Durations are in hours.
 */
@ApplicationScoped
public class StatisticsSql {

    private static final String FROM = " FROM service_requests r JOIN services s ON s.id = r.service_ref";

    private static final String CLOSE = "extract(epoch FROM r.closed_at - r.requested_datetime)";
    private static final String ACKNOWLEDGE = "extract(epoch FROM r.acknowledged_at - r.requested_datetime)";

    @Inject
    Catalogue catalogue;

    @Inject
    Open311Config config;

    /** {@code now}: the instant service levels and ages are measured at. */
    public SqlStatement statement(StatisticsQuery query, OffsetDateTime now) {
        return switch (query.kind()) {
            case REQUESTS -> counts(query);
            case PERFORMANCE -> performance(query, now);
            case BACKLOG -> backlog(query, now);
            case TRENDS -> trends(query);
            case CONTACTS -> contacts(query);
        };
    }

    private SqlStatement counts(StatisticsQuery query) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        if (query.interval() != null) {
            sql.append("date_trunc(?, r.requested_datetime AT TIME ZONE ?)::date AS period, ");
            args.add(query.interval().wireName());
            args.add(config.timeZone().getId());
        }
        groups(query, sql);
        sql.append("count(*) AS count").append(FROM);
        where(query, sql, args);
        groupAndOrder(query, sql, query.interval() != null ? 1 : 0);
        return new SqlStatement(sql.toString(), args);
    }

    /** Information contacts: no request behind them, so their own table, aliased as the requests are. */
    private SqlStatement contacts(StatisticsQuery query) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        if (query.interval() != null) {
            sql.append("date_trunc(?, r.contacted_at AT TIME ZONE ?)::date AS period, ");
            args.add(query.interval().wireName());
            args.add(config.timeZone().getId());
        }
        groups(query, sql);
        sql.append("count(*) AS count FROM information_contacts r JOIN services s ON s.id = r.service_ref")
                .append(" WHERE r.jurisdiction_ref = ? AND r.contacted_at >= ? AND r.contacted_at < ?");
        args.add(query.jurisdictionRef());
        args.add(query.from());
        args.add(query.to());
        List<Long> unpublished = catalogue.unpublishedServiceIds(query.jurisdictionRef());
        if (!query.staff() && !unpublished.isEmpty()) {
            sql.append(" AND r.service_ref <> ALL (?)");
            args.add(unpublished.toArray(Long[]::new));
        }
        if (query.serviceRefs() != null) {
            sql.append(" AND r.service_ref = ANY (?)");
            args.add(query.serviceRefs().toArray(Long[]::new));
        }
        groupAndOrder(query, sql, query.interval() != null ? 1 : 0);
        return new SqlStatement(sql.toString(), args);
    }

    private SqlStatement performance(StatisticsQuery query, OffsetDateTime now) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        groups(query, sql);
        sql.append("count(*) AS requests, count(*) FILTER (WHERE r.status = 'open') AS open, ")
                .append("count(r.closed_at) AS closed, ")
                .append(hours("percentile_cont(0.5) WITHIN GROUP (ORDER BY " + CLOSE + ")", "close_median_hours"))
                .append(hours("percentile_cont(0.9) WITHIN GROUP (ORDER BY " + CLOSE + ")", "close_p90_hours"))
                .append(hours("avg(" + CLOSE + ")", "close_mean_hours"))
                .append("count(r.acknowledged_at) AS acknowledged, ")
                .append(hours(
                        "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + ACKNOWLEDGE + ")", "acknowledge_median_hours"))
                .append(hours(
                        "percentile_cont(0.9) WITHIN GROUP (ORDER BY " + ACKNOWLEDGE + ")", "acknowledge_p90_hours"))
                .append(hours("avg(" + ACKNOWLEDGE + ")", "acknowledge_mean_hours"))
                // due: closed, or open past its service level; met: closed within it
                .append("count(*) FILTER (WHERE s.expected_response IS NOT NULL AND (r.closed_at IS NOT NULL")
                .append(" OR r.requested_datetime + s.expected_response < ?)) AS sla_due, ")
                .append(
                        "count(*) FILTER (WHERE r.closed_at <= r.requested_datetime + s.expected_response) AS sla_met, ")
                .append("count(*) FILTER (WHERE r.closed_at IS NOT NULL OR r.reopen_count > 0) AS ever_closed, ")
                .append("count(*) FILTER (WHERE r.reopen_count > 0) AS reopened");
        args.add(now);
        if (query.staff()) {
            sql.append(", count(a.satisfaction) AS survey_answers, ")
                    .append("round(avg(a.satisfaction), 2) AS satisfaction_mean, ")
                    .append("count(a.fixed) AS fixed_answers, count(*) FILTER (WHERE a.fixed) AS fixed");
        }
        sql.append(FROM);
        if (query.staff()) {
            sql.append(" LEFT JOIN survey_answers a ON a.request_ref = r.id");
        }
        where(query, sql, args);
        groupAndOrder(query, sql, 0);
        return new SqlStatement(sql.toString(), args);
    }

    private SqlStatement backlog(StatisticsQuery query, OffsetDateTime now) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        groups(query, sql);
        sql.append("count(*) AS open");
        String[][] buckets = {
            {"age_under_1_day", null, "1 day"},
            {"age_1_to_7_days", "1 day", "7 days"},
            {"age_7_to_30_days", "7 days", "30 days"},
            {"age_30_to_90_days", "30 days", "90 days"},
            {"age_over_90_days", "90 days", null}
        };
        for (String[] bucket : buckets) {
            sql.append(", count(*) FILTER (WHERE ");
            if (bucket[1] != null) {
                sql.append("r.requested_datetime <= ?::timestamptz - interval '")
                        .append(bucket[1])
                        .append("'");
                args.add(now);
            }
            if (bucket[2] != null) {
                sql.append(bucket[1] != null ? " AND " : "")
                        .append("r.requested_datetime > ?::timestamptz - interval '")
                        .append(bucket[2])
                        .append("'");
                args.add(now);
            }
            sql.append(") AS ").append(bucket[0]);
        }
        sql.append(", ")
                .append(hours(
                        "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ?::timestamptz - r.requested_datetime))",
                        "age_median_hours"))
                .append("min(r.requested_datetime) AS oldest_requested_datetime")
                .append(FROM);
        args.add(now);
        where(query, sql, args);
        sql.append(" AND r.status = 'open'");
        groupAndOrder(query, sql, 0);
        return new SqlStatement(sql.toString(), args);
    }

    private SqlStatement trends(StatisticsQuery query) {
        if (query.groupBy().equals(List.of(Dimension.SERVICE_CODE)) && onlyServiceFilters(query)) {
            return trendsPerService(query);
        }
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        groups(query, sql);
        sql.append("count(*) FILTER (WHERE r.requested_datetime >= ?) AS current, ")
                .append("count(*) FILTER (WHERE r.requested_datetime < ?) AS previous")
                .append(FROM);
        args.add(query.from());
        args.add(query.from());
        // the window of the same length just before: one range read covers both
        Duration span = Duration.between(query.from(), query.to());
        StatisticsQuery both = query.withWindow(query.from().minus(span), query.to());
        where(both, sql, args);
        groupAndOrder(query, sql, 0);
        return new SqlStatement(sql.toString(), args);
    }

    /**
     * Trends per service, the default, read service by service from the (service_ref, requested_datetime) index
     * without touching the table. Grouping all the window's requests instead made PostgreSQL read every row of
     * both windows from the heap (in a parallel scan): three to four times slower at a million requests.
     */
    private SqlStatement trendsPerService(StatisticsQuery query) {
        List<Object> args = new ArrayList<>();
        // the public counts take the hidden requests away, counted from an index that holds only those
        StringBuilder sql = new StringBuilder("SELECT s.service_code AS service_code, s.service_name AS service_name, ")
                .append(
                        query.staff()
                                ? "c.current, c.previous"
                                : "c.current - h.current AS current, c.previous - h.previous AS previous")
                .append(" FROM services s CROSS JOIN LATERAL (")
                .append(windowCounts(""))
                .append(") c");
        Duration span = Duration.between(query.from(), query.to());
        List<Object> window = List.of(query.from(), query.from(), query.from().minus(span), query.to());
        args.addAll(window);
        if (!query.staff()) {
            sql.append(" CROSS JOIN LATERAL (")
                    .append(windowCounts("AND r.hidden "))
                    .append(") h");
            args.addAll(window);
        }
        sql.append(" WHERE s.jurisdiction_ref = ?");
        args.add(query.jurisdictionRef());
        List<Long> unpublished = catalogue.unpublishedServiceIds(query.jurisdictionRef());
        if (!query.staff() && !unpublished.isEmpty()) {
            sql.append(" AND s.id <> ALL (?)");
            args.add(unpublished.toArray(Long[]::new));
        }
        if (query.serviceRefs() != null) {
            sql.append(" AND s.id = ANY (?)");
            args.add(query.serviceRefs().toArray(Long[]::new));
        }
        // as the grouped form, a service with no request in either window has no row
        sql.append(
                query.staff()
                        ? " AND (c.current > 0 OR c.previous > 0) ORDER BY 1"
                        : " AND (c.current > h.current OR c.previous > h.previous) ORDER BY 1");
        return new SqlStatement(sql.toString(), args);
    }

    /** A service's requests in the two windows (from, from, before, to), {@code condition} narrowing them. */
    private static String windowCounts(String condition) {
        return "SELECT count(*) FILTER (WHERE r.requested_datetime >= ?) AS current, "
                + "count(*) FILTER (WHERE r.requested_datetime < ?) AS previous "
                + "FROM service_requests r WHERE r.service_ref = s.id " + condition
                + "AND r.requested_datetime >= ? AND r.requested_datetime < ?";
    }

    /** Whether a statistic filters by nothing but its window and services (no status, agency or area). */
    private static boolean onlyServiceFilters(StatisticsQuery query) {
        return query.statuses() == null && query.agencies() == null && query.bbox() == null && query.near() == null;
    }

    private static String hours(String seconds, String name) {
        return "round((" + seconds + " / 3600)::numeric, 2) AS " + name + ", ";
    }

    private static void groups(StatisticsQuery query, StringBuilder sql) {
        for (Dimension dimension : query.groupBy()) {
            sql.append(dimension.sql())
                    .append(" AS ")
                    .append(dimension.wireName())
                    .append(", ");
            if (dimension == Dimension.SERVICE_CODE) {
                sql.append("min(s.service_name) AS service_name, ");
            }
        }
    }

    /** Groups and orders by the leading output columns: the period (when there is one), then the dimensions. */
    private static void groupAndOrder(StatisticsQuery query, StringBuilder sql, int periods) {
        List<String> positions = new ArrayList<>();
        for (int i = 1; i <= periods; i++) {
            positions.add(String.valueOf(i));
        }
        int position = periods;
        for (Dimension dimension : query.groupBy()) {
            positions.add(String.valueOf(++position));
            if (dimension == Dimension.SERVICE_CODE) {
                position++; // its name is an aggregate, not a group
            }
        }
        if (!positions.isEmpty()) {
            String list = String.join(", ", positions);
            sql.append(" GROUP BY ").append(list).append(" ORDER BY ").append(list);
        }
    }

    /** The filters of a statistic (its window only when it has one); shared with the hotspots. */
    void where(StatisticsQuery query, StringBuilder sql, List<Object> args) {
        sql.append(" WHERE r.jurisdiction_ref = ?");
        args.add(query.jurisdictionRef());
        List<Long> unpublished = catalogue.unpublishedServiceIds(query.jurisdictionRef());
        if (!query.staff() && !unpublished.isEmpty()) {
            // blackbox and private services publish nothing about their requests, not even how many there are
            sql.append(" AND r.service_ref <> ALL (?)");
            args.add(unpublished.toArray(Long[]::new));
        }
        if (!query.staff()) {
            sql.append(" AND NOT r.hidden");
        }
        if (query.windowed()) {
            sql.append(" AND r.requested_datetime >= ? AND r.requested_datetime < ?");
            args.add(query.from());
            args.add(query.to());
        }
        if (query.serviceRefs() != null) {
            sql.append(" AND r.service_ref = ANY (?)");
            args.add(query.serviceRefs().toArray(Long[]::new));
        }
        if (query.statuses() != null) {
            sql.append(" AND r.status = ANY (?)");
            args.add(query.statuses().toArray(String[]::new));
        }
        if (query.agencies() != null) {
            sql.append(" AND lower(r.agency_responsible) = ANY (?)");
            args.add(query.agencies().toArray(String[]::new));
        }
        RequestListSql.area(query.bbox(), query.near(), sql, args);
    }
}
