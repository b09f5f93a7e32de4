package io.github.open311server.requests.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.config.Open311Config;
import io.github.open311server.requests.search.RequestQuery.Filters;
import io.github.open311server.requests.search.RequestQuery.Paging;
import io.github.open311server.requests.search.RequestQuery.Sort;

/**
 * The SQL of public reads, built in one place: the list endpoint, the bounded count, the one-request
 * read, the query-plan test and the benchmark all use these exact statements. Filtering, spatial
 * search and ordering are left to PostgreSQL's indexes; each condition is written in the form its
 * index matches.
 */
@ApplicationScoped
public class RequestListSql {

    @Inject
    Catalogue catalogue;

    @Inject
    Open311Config config;

    /** The list statement for a query: filters, keyset position, order, and one row more than a page. */
    public SqlStatement list(RequestQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(RequestColumn.list(query.extensions()))
                .append(" FROM service_requests r WHERE ");
        List<Object> args = new ArrayList<>();
        where(query, sql, args);
        Paging paging = query.paging();
        Sort sort = paging.sort();
        if (paging.after() != null && sort != Sort.DISTANCE) {
            boolean byRequested = sort == Sort.REQUESTED_DESC || sort == Sort.REQUESTED_ASC;
            boolean ascending = sort == Sort.UPDATED_ASC || sort == Sort.REQUESTED_ASC;
            String key = byRequested ? "r.requested_datetime" : "r.updated_datetime";
            sql.append(" AND (")
                    .append(key)
                    .append(", r.id) ")
                    .append(ascending ? ">" : "<")
                    .append(" (?, ?)");
            args.add(paging.after().key());
            args.add(paging.after().id());
        }
        sql.append(" ORDER BY ")
                .append(
                        switch (sort) {
                            case REQUESTED_DESC -> "r.requested_datetime DESC, r.id DESC";
                            case REQUESTED_ASC -> "r.requested_datetime, r.id";
                            case UPDATED_ASC -> "r.updated_datetime, r.id";
                            case UPDATED_DESC -> "r.updated_datetime DESC, r.id DESC";
                            case DISTANCE ->
                                "r.location::geography <-> ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, r.id";
                        });
        if (sort == Sort.DISTANCE) {
            args.add(query.filters().near().lon());
            args.add(query.filters().near().lat());
        }
        sql.append(" LIMIT ?");
        args.add(query.byIds() ? paging.pageSize() : paging.pageSize() + 1);
        if (paging.offset() > 0) {
            sql.append(" OFFSET ?");
            args.add(paging.offset());
        }
        return new SqlStatement(sql.toString(), args);
    }

    /** Counts at most one row past the limit, so a total never costs more than a bounded index scan. */
    public SqlStatement count(RequestQuery query) {
        SqlStatement matches = matches(query);
        List<Object> args = new ArrayList<>(matches.args());
        args.add(config.requests().totalCountLimit() + 1);
        return new SqlStatement("SELECT count(*) FROM (" + matches.sql() + " LIMIT ?) bounded", args);
    }

    /** Every match of a query's filters, for the count and the planner's estimate of it. */
    public SqlStatement matches(RequestQuery query) {
        StringBuilder sql = new StringBuilder("SELECT 1 FROM service_requests r WHERE ");
        List<Object> args = new ArrayList<>();
        where(query, sql, args);
        return new SqlStatement(sql.toString(), args);
    }

    /** One published request of a jurisdiction found by a unique column ({@code r.service_request_id = ?}). */
    SqlStatement one(String condition, long jurisdictionRef, Object key, boolean extensions) {
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(RequestColumn.list(extensions))
                .append(" FROM service_requests r WHERE r.jurisdiction_ref = ? AND ")
                .append(condition);
        List<Object> args = new ArrayList<>(List.of(jurisdictionRef, key));
        publishable(jurisdictionRef, sql, args);
        return new SqlStatement(sql.toString(), args);
    }

    /** The filters of a query, shared by the list and the bounded count. */
    private void where(RequestQuery query, StringBuilder sql, List<Object> args) {
        sql.append("r.jurisdiction_ref = ?");
        args.add(query.jurisdictionRef());
        publishable(query.jurisdictionRef(), sql, args);
        if (query.byIds()) {
            sql.append(" AND r.service_request_id = ANY (?)");
            args.add(query.ids().toArray(String[]::new));
            return;
        }
        Filters filters = query.filters();
        if (filters.requested() != null) {
            sql.append(" AND r.requested_datetime BETWEEN ? AND ?");
            args.add(filters.requested().from());
            args.add(filters.requested().to());
        }
        if (filters.updated() != null && filters.updated().from() != null) {
            sql.append(" AND r.updated_datetime >= ?");
            args.add(filters.updated().from());
        }
        if (filters.updated() != null && filters.updated().to() != null) {
            sql.append(" AND r.updated_datetime <= ?");
            args.add(filters.updated().to());
        }
        if (filters.statuses() != null) {
            sql.append(" AND r.status = ANY (?)");
            args.add(filters.statuses().toArray(String[]::new));
        }
        if (filters.serviceRefs() != null) {
            sql.append(" AND r.service_ref = ANY (?)");
            args.add(filters.serviceRefs().toArray(Long[]::new));
        }
        area(filters, sql, args);
        if (filters.text() != null) {
            sql.append(" AND r.search_vector @@ websearch_to_tsquery('simple', ?)");
            args.add(filters.text());
        }
        if (filters.agencies() != null) {
            sql.append(" AND lower(r.agency_responsible) = ANY (?)");
            args.add(filters.agencies().stream()
                    .map(a -> a.toLowerCase(Locale.ROOT))
                    .toArray(String[]::new));
        }
    }

    private static void area(Filters filters, StringBuilder sql, List<Object> args) {
        area(filters.bbox(), filters.near(), sql, args);
    }

    /** The bbox and radius conditions, in the forms the spatial indexes match; shared with the statistics. */
    public static void area(
            RequestQuery.BoundingBox bbox, RequestQuery.Circle near, StringBuilder sql, List<Object> args) {
        if (bbox != null) {
            // && alone compares the index's single-precision boxes (about a metre loose); the exact bounds
            // on the coordinates keep the index scan and drop what lies just outside an edge
            sql.append(" AND r.location && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
                    + " AND ST_X(r.location) BETWEEN ? AND ? AND ST_Y(r.location) BETWEEN ? AND ?");
            args.addAll(List.of(bbox.minLon(), bbox.minLat(), bbox.maxLon(), bbox.maxLat()));
            args.addAll(List.of(bbox.minLon(), bbox.maxLon(), bbox.minLat(), bbox.maxLat()));
        }
        if (near != null) {
            // the cast matches the expression index on (location::geography); any other form scans the table
            sql.append(" AND ST_DWithin(r.location::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)");
            args.addAll(List.of(near.lon(), near.lat(), near.radiusMetres()));
        }
    }

    /**
     * Blackbox and private services publish nothing about their requests, and hidden requests (moderated, or
     * awaiting approval) are not published: all are left out of every public read.
     */
    private void publishable(long jurisdictionRef, StringBuilder sql, List<Object> args) {
        sql.append(" AND NOT r.hidden");
        List<Long> unpublished = catalogue.unpublishedServiceIds(jurisdictionRef);
        if (!unpublished.isEmpty()) {
            sql.append(" AND r.service_ref <> ALL (?)");
            args.add(unpublished.toArray(Long[]::new));
        }
    }
}
