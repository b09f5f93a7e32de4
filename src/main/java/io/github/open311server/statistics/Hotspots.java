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

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.cache.CacheResult;

import io.github.open311server.database.StaleReads;
import io.github.open311server.requests.search.SqlStatement;

/** Runs hotspot questions (see {@link HotspotSql}) into GeoJSON features; cached like the statistics. */
@ApplicationScoped
public class Hotspots {

    /** Lists, statistics and hotspots may be slightly stale: the replica serves them when it may. */
    @Inject
    StaleReads staleReads;

    @Inject
    HotspotSql statements;

    @CacheResult(cacheName = "statistics")
    public List<HotspotDocument.Feature> features(HotspotQuery query) {
        if (query.filters().serviceRefs() != null
                && query.filters().serviceRefs().isEmpty()) {
            return List.of();
        }
        SqlStatement statement = statements.statement(query);
        try (Connection connection = staleReads.connection();
                PreparedStatement prepared = QueryTimeout.customPlanned(statement.prepare(connection))) {
            try (ResultSet rows = prepared.executeQuery()) {
                List<HotspotDocument.Feature> features = new ArrayList<>();
                while (rows.next()) {
                    features.add(new HotspotDocument.Feature(
                            "Feature", rows.getString("geometry"), properties(query, rows)));
                }
                return features;
            }
        } catch (SQLException e) {
            throw QueryTimeout.of(e, "hotspot question");
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
