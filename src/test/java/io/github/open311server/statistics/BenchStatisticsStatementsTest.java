package io.github.open311server.statistics;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.support.PgbenchScripts;
import io.github.open311server.support.PgbenchScripts.Generated;

/**
 * The pgbench scripts of the statistics and hotspot shapes of {@code make bench} hold the statements
 * {@link StatisticsSql} and {@link HotspotSql} build (see {@link PgbenchScripts}).
 */
@QuarkusTest
class BenchStatisticsStatementsTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-01T12:00:00Z");

    @Inject
    StatisticsQueryParser statisticsParser;

    @Inject
    HotspotQueryParser hotspotParser;

    @Inject
    StatisticsSql statistics;

    @Inject
    HotspotSql hotspots;

    @Inject
    JurisdictionResolver jurisdictions;

    private static MultivaluedHashMap<String, String> params(String... pairs) {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.add(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    private Generated statistic(StatisticKind kind, List<String> variables, String... pairs) {
        StatisticsQuery query =
                statisticsParser.parse(kind, jurisdictions.resolve((String) null), params(pairs), false);
        return new Generated(statistics.statement(query, NOW), variables);
    }

    private Generated hotspot(boolean grid, List<String> variables, String... pairs) {
        HotspotQuery query = hotspotParser.parse(grid, jurisdictions.resolve((String) null), params(pairs));
        return new Generated(hotspots.statement(query), variables);
    }

    @Test
    void everyPgbenchScriptHoldsTheStatementsTheServerIssues() throws IOException {
        String from = "2025-12-01T00:00:00Z";
        String to = "2026-12-01T00:00:00Z";
        Map<String, List<Generated>> scripts = new HashMap<>();
        scripts.put(
                "stats-daily.sql",
                List.of(statistic(
                        StatisticKind.REQUESTS,
                        List.of("interval", "zone", "jur", "blackbox", "from", "to"),
                        "start_date",
                        from,
                        "end_date",
                        to,
                        "interval",
                        "day",
                        "group_by",
                        "service_code")));
        scripts.put(
                "stats-performance.sql",
                List.of(statistic(
                        StatisticKind.PERFORMANCE,
                        List.of("now", "jur", "blackbox", "from", "to"),
                        "start_date",
                        from,
                        "end_date",
                        to)));
        scripts.put(
                "stats-backlog.sql",
                List.of(statistic(
                        StatisticKind.BACKLOG,
                        List.of("now", "now", "now", "now", "now", "now", "now", "now", "now", "jur", "blackbox"))));
        scripts.put(
                "stats-trends.sql",
                List.of(statistic(
                        StatisticKind.TRENDS,
                        List.of("from", "from", "before", "to", "from", "from", "before", "to", "jur", "blackbox"),
                        "start_date",
                        "2026-09-02T00:00:00Z",
                        "end_date",
                        to)));
        scripts.put(
                "hotspots-grid.sql",
                List.of(hotspot(
                        true,
                        List.of(
                                "from",
                                "to",
                                "jur",
                                "blackbox",
                                "services",
                                "from",
                                "to",
                                "size",
                                "size",
                                "mincount",
                                "mincount"),
                        "start_date",
                        from,
                        "end_date",
                        to,
                        "service_code",
                        "POTHOLE",
                        "size",
                        "250",
                        "min_count",
                        "3")));
        scripts.put(
                "hotspots-clusters.sql",
                List.of(hotspot(
                        false,
                        List.of("from", "to", "jur", "blackbox", "services", "from", "to", "distance", "minsize"),
                        "start_date",
                        "2026-09-02T00:00:00Z",
                        "end_date",
                        to,
                        "service_code",
                        "POTHOLE",
                        "distance",
                        "100",
                        "min_size",
                        "10")));
        PgbenchScripts.check(scripts, 6);
    }
}
