package io.github.open311server.requests;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.services.Catalogue;
import io.github.open311server.services.CatalogueService;
import io.github.open311server.time.Datetimes;

/**
 * Read side of requests: plain SQL projected straight into {@link RequestView} records. Listing is the
 * hottest path of the server, so it skips entity loading, and service names come from the in-memory
 * catalogue instead of a join.
 */
@ApplicationScoped
public class RequestSearch {

    static final String COLUMNS = """
            r.id, r.service_request_id, r.status, r.status_notes, r.service_ref, r.description,
            r.agency_responsible, r.service_notice, r.requested_datetime, r.updated_datetime, r.expected_datetime,
            r.address, r.address_id, r.zipcode, ST_Y(r.location), ST_X(r.location), r.media_urls[1]""";

    @Inject
    DataSource dataSource;

    @Inject
    Catalogue catalogue;

    @Inject
    Datetimes datetimes;

    public List<RequestView> find(RequestQuery query) {
        if (query.serviceRefs() != null && query.serviceRefs().isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(" FROM service_requests r WHERE r.jurisdiction_ref = ?");
        List<Object> args = new ArrayList<>();
        args.add(query.jurisdictionRef());
        if (query.byIds()) {
            sql.append(" AND r.service_request_id = ANY (?)");
            args.add(query.ids().toArray(String[]::new));
        } else {
            sql.append(" AND r.requested_datetime BETWEEN ? AND ?");
            args.add(query.requestedFrom());
            args.add(query.requestedTo());
            if (query.statuses() != null) {
                sql.append(" AND r.status = ANY (?)");
                args.add(query.statuses().toArray(String[]::new));
            }
            if (query.serviceRefs() != null) {
                sql.append(" AND r.service_ref = ANY (?)");
                args.add(query.serviceRefs().toArray(Long[]::new));
            }
        }
        sql.append(" ORDER BY r.requested_datetime DESC, r.id DESC LIMIT ?");
        args.add(query.limit());
        return run(sql.toString(), args);
    }

    public Optional<RequestView> byId(long jurisdictionRef, String serviceRequestId) {
        return run("SELECT " + COLUMNS + " FROM service_requests r WHERE r.jurisdiction_ref = ? AND r.service_request_id = ?",
                List.of(jurisdictionRef, serviceRequestId)).stream().findFirst();
    }

    public Optional<RequestView> byToken(long jurisdictionRef, UUID token) {
        return run("SELECT " + COLUMNS + " FROM service_requests r WHERE r.jurisdiction_ref = ? AND r.token = ?",
                List.of(jurisdictionRef, token)).stream().findFirst();
    }

    private List<RequestView> run(String sql, List<Object> args) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                Object arg = args.get(i);
                if (arg instanceof String[] strings) {
                    statement.setArray(i + 1, connection.createArrayOf("text", strings));
                } else if (arg instanceof Long[] longs) {
                    statement.setArray(i + 1, connection.createArrayOf("bigint", longs));
                } else {
                    statement.setObject(i + 1, arg);
                }
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<RequestView> views = new ArrayList<>();
                while (rows.next()) {
                    views.add(view(rows));
                }
                return views;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Request search failed", e);
        }
    }

    private RequestView view(ResultSet rows) throws SQLException {
        CatalogueService service = catalogue.serviceById(rows.getLong(5));
        return new RequestView(
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                service == null ? null : service.name(),
                service == null ? null : service.code(),
                rows.getString(6),
                rows.getString(7),
                rows.getString(8),
                datetimes.format(rows.getObject(9, OffsetDateTime.class)),
                datetimes.format(rows.getObject(10, OffsetDateTime.class)),
                datetimes.format(rows.getObject(11, OffsetDateTime.class)),
                rows.getString(12),
                rows.getString(13),
                rows.getString(14),
                degrees(rows, 15),
                degrees(rows, 16),
                rows.getString(17));
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
