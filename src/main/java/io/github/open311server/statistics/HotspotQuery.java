package io.github.open311server.statistics;

import java.time.OffsetDateTime;

/**
 * A hotspot question: the requests a statistic's filters select (its window is the one looked at), cut
 * into a grid of cells or into density clusters, optionally against a second window (before a campaign).
 *
 * @param filters the filters and the window, as a statistic's
 * @param compareFrom start of the window compared with (null: no comparison)
 * @param compareTo end of the window compared with
 * @param shape hexagon or square cells; null for clusters
 * @param sizeMetres the edge of a hexagon or the side of a square
 * @param minCount cells with fewer requests in both windows are left out
 * @param distanceMetres how close requests must be to join a cluster (DBSCAN's eps)
 * @param minSize the fewest requests that make a cluster (DBSCAN's minpoints)
 */
public record HotspotQuery(
        StatisticsQuery filters,
        OffsetDateTime compareFrom,
        OffsetDateTime compareTo,
        CellShape shape,
        double sizeMetres,
        int minCount,
        double distanceMetres,
        int minSize) {

    public enum CellShape {
        HEXAGON,
        SQUARE
    }

    public boolean compared() {
        return compareFrom != null;
    }

    public boolean grid() {
        return shape != null;
    }
}
