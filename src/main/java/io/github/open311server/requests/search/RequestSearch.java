package io.github.open311server.requests.search;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.config.Open311Config;
import io.github.open311server.requests.ExtendedAttributes;
import io.github.open311server.requests.RequestPage;
import io.github.open311server.requests.RequestView;
import io.github.open311server.requests.search.RequestQuery.Sort;
import io.github.open311server.time.Datetimes;

/**
 * Read side of requests: SQL projected straight into {@link RequestView} records. Listing is the
 * hottest path of the server, so it skips entity loading, takes service names from the in-memory
 * catalogue instead of a join, and leaves filtering, spatial search and ordering to PostgreSQL's
 * indexes. {@link #sql(RequestQuery)} is the exact statement the list endpoint runs (the benchmark
 * and the query-plan test use it too).
 */
@ApplicationScoped
public class RequestSearch {

    private static final String COLUMNS = """
            r.id, r.service_request_id, r.status, r.status_notes, r.service_ref, r.description,
            r.agency_responsible, r.service_notice, r.requested_datetime, r.updated_datetime, r.expected_datetime,
            r.address, r.address_id, r.zipcode, ST_Y(r.location), ST_X(r.location), r.media_urls[1]""";
    /** Only extensions=true needs these; decoding an array per row is not free on the hottest path. */
    private static final String EXTENSION_COLUMNS = ", r.detailed_status, r.media_urls";

    /** An SQL statement and its arguments, in order. */
    public record Statement(String sql, List<Object> args) {}

    @Inject
    DataSource dataSource;

    @Inject
    Catalogue catalogue;

    @Inject
    Datetimes datetimes;

    @Inject
    Open311Config config;

    public RequestPage find(RequestQuery query) {
        if (query.serviceRefs() != null && query.serviceRefs().isEmpty()) {
            return new RequestPage(List.of(), null, query.countTotal() ? 0L : null, false, 0);
        }
        try (Connection connection = dataSource.getConnection()) {
            List<Row> rows = run(connection, sql(query));
            String next = null;
            if (!query.byIds() && rows.size() > query.pageSize()) {
                rows = rows.subList(0, query.pageSize());
                next = nextToken(query, rows.get(rows.size() - 1)).encode();
            }
            List<RequestView> views = query.extensions()
                    ? extend(connection, rows)
                    : rows.stream().map(Row::view).toList();
            Long total = null;
            boolean exceeds = false;
            if (query.countTotal()) {
                long counted = count(connection, query);
                exceeds = counted > config.requests().totalCountLimit();
                total = exceeds ? (long) config.requests().totalCountLimit() : counted;
            }
            int withoutLocation =
                    (int) views.stream().filter(v -> v.lat() == null).count();
            return new RequestPage(views, next, total, exceeds, withoutLocation);
        } catch (SQLException e) {
            throw new IllegalStateException("Request search failed", e);
        }
    }

    public Optional<RequestView> byId(long jurisdictionRef, String serviceRequestId, boolean extensions) {
        return one("r.service_request_id = ?", jurisdictionRef, serviceRequestId, extensions);
    }

    /** The request a batch token stands for; a string that is not a token finds nothing. */
    public Optional<RequestView> byToken(long jurisdictionRef, String token, boolean extensions) {
        UUID uuid;
        try {
            uuid = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return one("r.token = ?", jurisdictionRef, uuid, extensions);
    }

    private Optional<RequestView> one(String condition, long jurisdictionRef, Object key, boolean extensions) {
        try (Connection connection = dataSource.getConnection()) {
            StringBuilder sql = new StringBuilder("SELECT ")
                    .append(columns(extensions))
                    .append(" FROM service_requests r WHERE r.jurisdiction_ref = ? AND ")
                    .append(condition);
            List<Object> args = new ArrayList<>(List.of(jurisdictionRef, key));
            publishable(jurisdictionRef, sql, args);
            List<Row> rows = run(connection, new Statement(sql.toString(), args));
            List<RequestView> views = extensions
                    ? extend(connection, rows)
                    : rows.stream().map(Row::view).toList();
            return views.stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("Request lookup failed", e);
        }
    }

    /** The list statement for a query: filters, keyset position, order, and one row more than a page. */
    public Statement sql(RequestQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(columns(query.extensions()))
                .append(" FROM service_requests r WHERE ");
        List<Object> args = new ArrayList<>();
        where(query, sql, args);
        PageToken after = query.after();
        if (after != null && query.sort() != Sort.DISTANCE) {
            boolean byRequested = query.sort() == Sort.REQUESTED_DESC || query.sort() == Sort.REQUESTED_ASC;
            boolean ascending = query.sort() == Sort.UPDATED_ASC || query.sort() == Sort.REQUESTED_ASC;
            String key = byRequested ? "r.requested_datetime" : "r.updated_datetime";
            sql.append(" AND (")
                    .append(key)
                    .append(", r.id) ")
                    .append(ascending ? ">" : "<")
                    .append(" (?, ?)");
            args.add(after.key());
            args.add(after.id());
        }
        sql.append(" ORDER BY ")
                .append(
                        switch (query.sort()) {
                            case REQUESTED_DESC -> "r.requested_datetime DESC, r.id DESC";
                            case REQUESTED_ASC -> "r.requested_datetime, r.id";
                            case UPDATED_ASC -> "r.updated_datetime, r.id";
                            case UPDATED_DESC -> "r.updated_datetime DESC, r.id DESC";
                            case DISTANCE ->
                                "r.location::geography <-> ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, r.id";
                        });
        if (query.sort() == Sort.DISTANCE) {
            args.add(query.near().lon());
            args.add(query.near().lat());
        }
        sql.append(" LIMIT ?");
        args.add(query.byIds() ? query.pageSize() : query.pageSize() + 1);
        if (query.offset() > 0) {
            sql.append(" OFFSET ?");
            args.add(query.offset());
        }
        return new Statement(sql.toString(), args);
    }

    private static String columns(boolean extensions) {
        return extensions ? COLUMNS + EXTENSION_COLUMNS : COLUMNS;
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
        if (query.requestedFrom() != null) {
            sql.append(" AND r.requested_datetime BETWEEN ? AND ?");
            args.add(query.requestedFrom());
            args.add(query.requestedTo());
        }
        if (query.updatedFrom() != null) {
            sql.append(" AND r.updated_datetime >= ?");
            args.add(query.updatedFrom());
        }
        if (query.updatedTo() != null) {
            sql.append(" AND r.updated_datetime <= ?");
            args.add(query.updatedTo());
        }
        if (query.statuses() != null) {
            sql.append(" AND r.status = ANY (?)");
            args.add(query.statuses().toArray(String[]::new));
        }
        if (query.serviceRefs() != null) {
            sql.append(" AND r.service_ref = ANY (?)");
            args.add(query.serviceRefs().toArray(Long[]::new));
        }
        if (query.bbox() != null) {
            // && alone compares the index's single-precision boxes (about a metre loose); the exact bounds
            // on the coordinates keep the index scan and drop what lies just outside an edge
            sql.append(" AND r.location && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
                    + " AND ST_X(r.location) BETWEEN ? AND ? AND ST_Y(r.location) BETWEEN ? AND ?");
            args.addAll(List.of(
                    query.bbox().minLon(),
                    query.bbox().minLat(),
                    query.bbox().maxLon(),
                    query.bbox().maxLat(),
                    query.bbox().minLon(),
                    query.bbox().maxLon(),
                    query.bbox().minLat(),
                    query.bbox().maxLat()));
        }
        if (query.near() != null) {
            // the cast matches the expression index on (location::geography); any other form scans the table
            sql.append(" AND ST_DWithin(r.location::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)");
            args.addAll(
                    List.of(query.near().lon(), query.near().lat(), query.near().radiusMetres()));
        }
        if (query.text() != null) {
            sql.append(" AND r.search_vector @@ websearch_to_tsquery('simple', ?)");
            args.add(query.text());
        }
        if (query.agencies() != null) {
            sql.append(" AND lower(r.agency_responsible) = ANY (?)");
            args.add(query.agencies().stream()
                    .map(a -> a.toLowerCase(Locale.ROOT))
                    .toArray(String[]::new));
        }
    }

    /** A blackbox service publishes nothing about its requests: they are left out of every public read. */
    private void publishable(long jurisdictionRef, StringBuilder sql, List<Object> args) {
        List<Long> blackbox = catalogue.blackboxServiceIds(jurisdictionRef);
        if (!blackbox.isEmpty()) {
            sql.append(" AND r.service_ref <> ALL (?)");
            args.add(blackbox.toArray(Long[]::new));
        }
    }

    /** Counts at most one row past the limit, so a total never costs more than a bounded index scan. */
    public Statement countSql(RequestQuery query) {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM (SELECT 1 FROM service_requests r WHERE ");
        List<Object> args = new ArrayList<>();
        where(query, sql, args);
        sql.append(" LIMIT ?) bounded");
        args.add(config.requests().totalCountLimit() + 1);
        return new Statement(sql.toString(), args);
    }

    private long count(Connection connection, RequestQuery query) throws SQLException {
        Statement count = countSql(query);
        try (PreparedStatement statement = prepare(connection, count);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private PageToken nextToken(RequestQuery query, Row last) {
        return switch (query.sort()) {
            case REQUESTED_DESC, REQUESTED_ASC ->
                PageToken.after(query.sort(), last.requested(), last.id(), query.fingerprint());
            case UPDATED_ASC, UPDATED_DESC ->
                PageToken.after(query.sort(), last.updated(), last.id(), query.fingerprint());
            case DISTANCE ->
                PageToken.atOffset(query.sort(), (long) query.offset() + query.pageSize(), query.fingerprint());
        };
    }

    /** A row as read: the published view plus the raw keys a page token and the extensions need. */
    private record Row(
            long id,
            OffsetDateTime requested,
            OffsetDateTime updated,
            RequestView view,
            String detailedStatus,
            List<String> mediaUrls) {}

    private List<Row> run(Connection connection, Statement sql) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql);
                ResultSet rows = statement.executeQuery()) {
            boolean extensionColumns = rows.getMetaData().getColumnCount() > 17;
            List<Row> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row(rows, extensionColumns));
            }
            return result;
        }
    }

    public static PreparedStatement prepare(Connection connection, Statement sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.sql());
        for (int i = 0; i < sql.args().size(); i++) {
            Object arg = sql.args().get(i);
            if (arg instanceof String[] strings) {
                statement.setArray(i + 1, connection.createArrayOf("text", strings));
            } else if (arg instanceof Long[] longs) {
                statement.setArray(i + 1, connection.createArrayOf("bigint", longs));
            } else {
                statement.setObject(i + 1, arg);
            }
        }
        return statement;
    }

    private Row row(ResultSet rows, boolean extensionColumns) throws SQLException {
        CatalogueService service = catalogue.serviceById(rows.getLong(5));
        OffsetDateTime requested = rows.getObject(9, OffsetDateTime.class);
        OffsetDateTime updated = rows.getObject(10, OffsetDateTime.class);
        RequestView view = new RequestView(
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                service == null ? null : service.name(),
                service == null ? null : service.code(),
                rows.getString(6),
                rows.getString(7),
                rows.getString(8),
                datetimes.format(requested),
                datetimes.format(updated),
                datetimes.format(rows.getObject(11, OffsetDateTime.class)),
                rows.getString(12),
                rows.getString(13),
                rows.getString(14),
                degrees(rows, 15),
                degrees(rows, 16),
                rows.getString(17),
                null);
        if (!extensionColumns) {
            return new Row(rows.getLong(1), requested, updated, view, null, List.of());
        }
        Array media = rows.getArray(19);
        List<String> mediaUrls = media == null ? List.of() : Arrays.asList((String[]) media.getArray());
        return new Row(rows.getLong(1), requested, updated, view, rows.getString(18), mediaUrls);
    }

    /** Adds extended_attributes, with the public history of every request of the page in one query. */
    private List<RequestView> extend(Connection connection, List<Row> rows) throws SQLException {
        Map<Long, List<ExtendedAttributes.HistoryEntry>> history = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            Statement sql = new Statement(
                    """
                    SELECT request_ref, changed_at, action,
                           CASE jsonb_typeof(changes -> 'status') WHEN 'object' THEN changes -> 'status' ->> 'to'
                                ELSE changes ->> 'status' END,
                           CASE jsonb_typeof(changes -> 'detailed_status') WHEN 'object' THEN changes -> 'detailed_status' ->> 'to'
                                ELSE changes ->> 'detailed_status' END,
                           note
                      FROM request_history WHERE request_ref = ANY (?) AND public ORDER BY request_ref, changed_at, id""", List.of((Object) rows.stream().map(Row::id).toArray(Long[]::new)));
            try (PreparedStatement statement = prepare(connection, sql);
                    ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    history.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new ExtendedAttributes.HistoryEntry(
                                    datetimes.format(rs.getObject(2, OffsetDateTime.class)),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6)));
                }
            }
        }
        return rows.stream()
                .map(row -> row.view()
                        .withExtendedAttributes(new ExtendedAttributes(
                                row.detailedStatus(), row.mediaUrls(), history.getOrDefault(row.id(), List.of()))))
                .toList();
    }

    /** Seven decimals (about a centimetre), written plainly: never {@code 1.0E-5} in a document. */
    private static BigDecimal degrees(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        if (rows.wasNull()) {
            return null;
        }
        return BigDecimal.valueOf(value).setScale(7, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
