package io.github.open311server.statistics;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.requests.search.SqlStatement;

/**
 * The SQL of hotspots, in one place for the endpoint, the tests and the bench. Requests are projected to
 * Web Mercator, whose units are metres divided by the cosine of the latitude: sizes and distances are
 * scaled by the mean latitude of the requests, so cells and distances are true metres where the city is.
 * A cell is found per request with {@code ST_HexagonGrid}/{@code ST_SquareGrid} over the request's own
 * point (the grid is anchored at the origin, so every request finds the same grid); a request on an edge
 * belongs to the cell with the lowest indexes.
 */
@ApplicationScoped
public class HotspotSql {

    /** Requests in the sample of a cell or cluster: the newest ones. */
    static final int SAMPLE = 5;

    /** Clusters answered at most: the densest. */
    static final int MAX_CLUSTERS = 500;

    @Inject
    StatisticsSql statistics;

    public SqlStatement statement(HotspotQuery query) {
        return query.grid() ? grid(query) : clusters(query);
    }

    private SqlStatement grid(HotspotQuery query) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(points(query, args));
        String grid = query.shape() == HotspotQuery.CellShape.HEXAGON ? "ST_HexagonGrid" : "ST_SquareGrid";
        String cell = query.shape() == HotspotQuery.CellShape.HEXAGON ? "ST_Hexagon" : "ST_Square";
        sql.append(", celled AS (SELECT DISTINCT ON (p.id) p.*, g.i, g.j FROM points p, scale, LATERAL ")
                .append(grid)
                .append("(?::float8 / scale.k, p.p) g ORDER BY p.id, g.i, g.j)")
                .append(" SELECT ST_AsGeoJSON(ST_Transform(ST_SetSRID(")
                .append(cell)
                .append("(?::float8 / min(scale.k), c.i, c.j), 3857), 4326), 6) AS geometry,")
                .append(" count(*) FILTER (WHERE c.current) AS count,")
                .append(" count(*) FILTER (WHERE c.current AND c.status = 'open') AS open_count,")
                .append(" count(*) FILTER (WHERE NOT c.current) AS compare_count,")
                .append(" (array_agg(c.service_request_id ORDER BY c.requested_datetime DESC, c.id DESC)")
                .append(" FILTER (WHERE c.current))[1:")
                .append(SAMPLE)
                .append("] AS sample_ids")
                .append(" FROM celled c, scale GROUP BY c.i, c.j")
                .append(" HAVING count(*) FILTER (WHERE c.current) >= ? OR count(*) FILTER (WHERE NOT c.current) >= ?")
                .append(" ORDER BY c.i, c.j");
        args.add(query.sizeMetres());
        args.add(query.sizeMetres());
        args.add(query.minCount());
        args.add(query.minCount());
        return new SqlStatement(sql.toString(), args);
    }

    private SqlStatement clusters(HotspotQuery query) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(points(query, args));
        sql.append(", clustered AS (SELECT p.*, ST_ClusterDBSCAN(p.p, eps := ?::float8 / scale.k, minpoints := ?)")
                .append(" OVER () AS cluster FROM points p, scale)")
                // the hull widened by 5 m: always a polygon (two requests make a line), and one that still
                // holds the requests on its edge once its corners are rounded to 6 decimals
                .append(" SELECT ST_AsGeoJSON(ST_Transform(ST_Buffer(ST_ConvexHull(ST_Collect(c.p)),")
                .append(" 5 / min(scale.k), 'quad_segs=2'), 4326), 6) AS geometry,")
                .append(" ST_X(ST_Transform(ST_Centroid(ST_Collect(c.p)), 4326)) AS lon,")
                .append(" ST_Y(ST_Transform(ST_Centroid(ST_Collect(c.p)), 4326)) AS lat,")
                .append(" count(*) AS count, count(*) FILTER (WHERE c.status = 'open') AS open_count,")
                .append(" (array_agg(c.service_request_id ORDER BY c.requested_datetime DESC, c.id DESC))[1:")
                .append(SAMPLE)
                .append("] AS sample_ids")
                .append(" FROM clustered c, scale WHERE c.cluster IS NOT NULL GROUP BY c.cluster")
                .append(" ORDER BY count(*) DESC, min(c.id) LIMIT ")
                .append(MAX_CLUSTERS);
        args.add(query.distanceMetres());
        args.add(query.minSize());
        return new SqlStatement(sql.toString(), args);
    }

    /** The requests looked at, in Web Mercator, marked current (the window) or not (the compared one). */
    private String points(HotspotQuery query, List<Object> args) {
        StatisticsQuery filters = query.filters();
        StringBuilder sql = new StringBuilder("WITH points AS MATERIALIZED (SELECT r.id, r.service_request_id,")
                .append(" r.status, r.requested_datetime, r.location,")
                .append(" ST_Transform(r.location, 3857) AS p,")
                .append(" (r.requested_datetime >= ? AND r.requested_datetime < ?) AS current")
                .append(" FROM service_requests r JOIN services s ON s.id = r.service_ref");
        args.add(filters.from());
        args.add(filters.to());
        StatisticsQuery unwindowed = filters.withWindow(null, null);
        statistics.where(unwindowed, sql, args);
        // Web Mercator ends at 85 degrees; no city lies beyond
        sql.append(" AND r.location IS NOT NULL AND abs(ST_Y(r.location)) < 85")
                .append(" AND ((r.requested_datetime >= ? AND r.requested_datetime < ?)");
        args.add(filters.from());
        args.add(filters.to());
        if (query.compared()) {
            // a request in both windows counts once, for the window looked at
            sql.append(" OR (r.requested_datetime >= ? AND r.requested_datetime < ?)");
            args.add(query.compareFrom());
            args.add(query.compareTo());
        }
        sql.append(")), scale AS (SELECT cos(radians(avg(ST_Y(location)))) AS k FROM points)");
        return sql.toString();
    }
}
