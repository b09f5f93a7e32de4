package io.github.open311server.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.cache.CacheResult;

import io.github.open311server.database.StaleReads;
import io.github.open311server.requests.search.SqlStatement;
import io.github.open311server.time.Datetimes;

/**
 * Answers statistics from PostgreSQL: one aggregate statement each (see {@link StatisticsSql}), and the
 * shares and changes computed from its counts. Answers are cached for a minute (configured as the
 * {@code statistics} cache): a dashboard refreshed by many people costs one aggregate, and a statistic a
 * minute old tells the same story.
 */
@ApplicationScoped
public class Statistics {

    /** Lists, statistics and hotspots may be slightly stale: the replica serves them when it may. */
    @Inject
    StaleReads staleReads;

    @Inject
    StatisticsSql statements;

    @Inject
    Datetimes datetimes;

    @CacheResult(cacheName = "statistics")
    public StatisticsTable answer(StatisticsQuery query) {
        OffsetDateTime now = datetimes.now().truncatedTo(ChronoUnit.SECONDS);
        StatisticsTable table = run(statements.statement(query, now));
        return switch (query.kind()) {
            case PERFORMANCE -> withShares(table);
            case TRENDS -> withChanges(table);
            default -> table;
        };
    }

    private StatisticsTable run(SqlStatement statement) {
        try (Connection connection = staleReads.connection();
                PreparedStatement prepared = QueryTimeout.customPlanned(statement.prepare(connection))) {
            return table(prepared);
        } catch (SQLException e) {
            throw QueryTimeout.of(e, "statistic");
        }
    }

    private StatisticsTable table(PreparedStatement prepared) throws SQLException {
        try (ResultSet result = prepared.executeQuery()) {
            ResultSetMetaData meta = result.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.put(columns.get(i - 1), value(result, meta, i));
                }
                rows.add(row);
            }
            return new StatisticsTable(columns, rows);
        }
    }

    private Object value(ResultSet result, ResultSetMetaData meta, int i) throws SQLException {
        return switch (meta.getColumnType(i)) {
            case Types.DATE -> {
                var date = result.getObject(i, java.time.LocalDate.class);
                yield date == null ? null : date.toString();
            }
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime at = result.getObject(i, OffsetDateTime.class);
                yield at == null ? null : datetimes.format(at);
            }
            case Types.BIGINT, Types.INTEGER -> result.getLong(i);
            default -> result.getObject(i);
        };
    }

    /** Service-level compliance, reopen rate and (for staff) the share the citizens called fixed, in percent. */
    private static StatisticsTable withShares(StatisticsTable table) {
        List<String> columns = new ArrayList<>(table.columns());
        columns.add(columns.indexOf("sla_met") + 1, "sla_met_percent");
        columns.add(columns.indexOf("reopened") + 1, "reopen_percent");
        boolean surveys = columns.contains("fixed");
        if (surveys) {
            columns.add("fixed_percent");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : table.rows()) {
            Map<String, Object> shares = new LinkedHashMap<>();
            for (String column : columns) {
                shares.put(column, row.get(column));
            }
            shares.put("sla_met_percent", percent(row.get("sla_met"), row.get("sla_due")));
            shares.put("reopen_percent", percent(row.get("reopened"), row.get("ever_closed")));
            if (surveys) {
                shares.put("fixed_percent", percent(row.get("fixed"), row.get("fixed_answers")));
            }
            rows.add(shares);
        }
        return new StatisticsTable(columns, rows);
    }

    /** The change from the previous window to this one, in requests and in percent (none from zero). */
    private static StatisticsTable withChanges(StatisticsTable table) {
        List<String> columns = new ArrayList<>(table.columns());
        columns.add("change");
        columns.add("change_percent");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : table.rows()) {
            Map<String, Object> changed = new LinkedHashMap<>(row);
            long current = (Long) row.get("current");
            long previous = (Long) row.get("previous");
            changed.put("change", current - previous);
            changed.put("change_percent", percent(current - previous, previous));
            rows.add(changed);
        }
        return new StatisticsTable(columns, rows);
    }

    /** One decimal, half up; null when there is nothing to divide by. */
    static BigDecimal percent(Object part, Object whole) {
        long total = ((Number) whole).longValue();
        if (total == 0) {
            return null;
        }
        return BigDecimal.valueOf(((Number) part).longValue() * 100L)
                .divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP);
    }
}
