package io.github.open311server.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.cache.CacheResult;

import io.github.open311server.requests.search.SqlStatement;
import io.github.open311server.web.Open311Exception;

/** Runs hotspot questions (see {@link HotspotSql}) into GeoJSON features; cached like the statistics. */
@ApplicationScoped
public class Hotspots {

    /** A hotspot reads every request of its window: one that takes longer is refused, not left running. */
    static final int TIMEOUT_SECONDS = 30;

    @Inject
    DataSource dataSource;

    @Inject
    HotspotSql statements;

    @CacheResult(cacheName = "statistics")
    public List<HotspotDocument.Feature> features(HotspotQuery query) {
        if (query.filters().serviceRefs() != null
                && query.filters().serviceRefs().isEmpty()) {
            return List.of();
        }
        SqlStatement statement = statements.statement(query);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prepared = statement.prepare(connection)) {
            prepared.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet rows = prepared.executeQuery()) {
                List<HotspotDocument.Feature> features = new ArrayList<>();
                while (rows.next()) {
                    features.add(new HotspotDocument.Feature(
                            "Feature", rows.getString("geometry"), properties(query, rows)));
                }
                return features;
            }
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState())) { // query_canceled: the timeout
                throw new Open311Exception(
                        503,
                        List.of("This hotspot question took more than " + TIMEOUT_SECONDS
                                + " s: narrow the window, the area or the services"),
                        Map.of("Retry-After", "60"));
            }
            throw new IllegalStateException("hotspots failed: " + statement.sql(), e);
        }
    }

    private static HotspotDocument.Properties properties(HotspotQuery query, ResultSet rows) throws SQLException {
        long count = rows.getLong("count");
        Long compared = query.compared() ? rows.getLong("compare_count") : null;
        List<BigDecimal> centroid =
                query.grid() ? null : List.of(coordinate(rows.getDouble("lon")), coordinate(rows.getDouble("lat")));
        return new HotspotDocument.Properties(
                count,
                rows.getLong("open_count"),
                ids(rows.getArray("sample_ids")),
                compared,
                compared == null ? null : count - compared,
                centroid);
    }

    private static List<String> ids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static BigDecimal coordinate(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP);
    }
}
