package io.github.open311server.requests.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;

/**
 * The staff work queue: requests as a call taker or a dispatcher scans them, filtered by everything staff may
 * see, read over plain JDBC straight into rows (no entities), a page at a time by keyset.
 */
@ApplicationScoped
public class WorkQueue {

    /** One request in a queue view: enough to pick it; its full view is GET .../requests/{id}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QueueItem(
            String serviceRequestId,
            int version,
            String status,
            String detailedStatus,
            String serviceCode,
            String serviceName,
            String agencyResponsible,
            String assignee,
            String priority,
            String channel,
            String requestedDatetime,
            String updatedDatetime,
            String expectedDatetime,
            boolean overdue,
            boolean acknowledged,
            String description,
            String address,
            Double lat,
            @JsonProperty("long") Double lon,
            boolean hasPhoto,
            String duplicateOf,
            Long distanceMetres) {}

    /** A page of the queue; {@code nextPageToken} is absent on the last page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QueuePage(List<QueueItem> requests, String nextPageToken) {}

    /** How many requests match, in all and per detailed status. */
    public record QueueCounts(long total, Map<String, Long> detailedStatus) {}

    @Inject
    DataSource dataSource;

    @Inject
    Catalogue catalogue;

    @Inject
    Datetimes datetimes;

    public QueuePage page(WorkQueueQuery query) {
        try (Connection connection = dataSource.getConnection()) {
            checkAgencyArea(connection, query);
            List<Row> rows = new ArrayList<>();
            boolean more = false;
            try (PreparedStatement statement = WorkQueueSql.page(query).prepare(connection);
                    ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (rows.size() == query.pageSize()) {
                        more = true; // the one row read past the page: another page follows
                        break;
                    }
                    rows.add(row(query, rs));
                }
            }
            String next = more
                    ? cursorAfter(query, rows.get(rows.size() - 1), rows.size()).encode()
                    : null;
            return new QueuePage(rows.stream().map(Row::item).toList(), next);
        } catch (SQLException e) {
            throw new IllegalStateException("Work queue search failed", e);
        }
    }

    public QueueCounts counts(WorkQueueQuery query) {
        try (Connection connection = dataSource.getConnection()) {
            checkAgencyArea(connection, query);
            Map<String, Long> counts = new LinkedHashMap<>();
            long total = 0;
            try (PreparedStatement statement = WorkQueueSql.counts(query).prepare(connection);
                    ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                    total += rs.getLong(2);
                }
            }
            return new QueueCounts(total, counts);
        } catch (SQLException e) {
            throw new IllegalStateException("Work queue count failed", e);
        }
    }

    /** The internal ids of every request a filter matches, in id order, at most {@code max} + 1. */
    public List<Long> ids(WorkQueueQuery query, int max) {
        try (Connection connection = dataSource.getConnection()) {
            checkAgencyArea(connection, query);
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement statement = WorkQueueSql.ids(query, max + 1).prepare(connection);
                    ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong("id"));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Work queue selection failed", e);
        }
    }

    /** A row as served, with the keys the next page starts after. */
    private record Row(QueueItem item, long id, int rank, OffsetDateTime requested, OffsetDateTime expected) {}

    private Row row(WorkQueueQuery query, ResultSet rs) throws SQLException {
        CatalogueService service = catalogue.serviceById(rs.getLong("service_ref"));
        OffsetDateTime requested = rs.getObject("requested_datetime", OffsetDateTime.class);
        OffsetDateTime expected = rs.getObject("expected_datetime", OffsetDateTime.class);
        String status = rs.getString("status");
        Long distance = null;
        if (query.sort() == QueueSort.DISTANCE && rs.getObject("distance") != null) {
            distance = Math.round(rs.getDouble("distance"));
        }
        QueueItem item = new QueueItem(
                rs.getString("service_request_id"),
                rs.getInt("version"),
                status,
                rs.getString("detailed_status"),
                service.code(),
                service.name(),
                rs.getString("agency_responsible"),
                rs.getString("assignee"),
                rs.getString("priority"),
                rs.getString("channel"),
                datetimes.format(requested),
                datetimes.format(rs.getObject("updated_datetime", OffsetDateTime.class)),
                datetimes.format(expected),
                "open".equals(status)
                        && expected != null
                        && expected.isBefore(query.filters().now()),
                rs.getBoolean("acknowledged"),
                rs.getString("description"),
                rs.getString("address"),
                (Double) rs.getObject("lat"),
                (Double) rs.getObject("lon"),
                rs.getBoolean("has_photo"),
                rs.getString("duplicate_of"),
                distance);
        return new Row(item, rs.getLong("id"), rs.getInt("rank"), requested, expected);
    }

    private static QueueCursor cursorAfter(WorkQueueQuery query, Row last, int served) {
        long offset = (query.after() == null ? 0 : query.after().offset()) + served;
        return switch (query.sort()) {
            case PRIORITY, NEWEST ->
                new QueueCursor(query.sort(), last.rank(), last.requested(), last.id(), 0, query.fingerprint());
            case EXPECTED ->
                new QueueCursor(query.sort(), last.rank(), last.expected(), last.id(), 0, query.fingerprint());
            case DISTANCE -> new QueueCursor(query.sort(), 0, null, 0, offset, query.fingerprint());
        };
    }

    /** An agency area must name an agency of the jurisdiction that has an area, or the filter means nothing. */
    private static void checkAgencyArea(Connection connection, WorkQueueQuery query) throws SQLException {
        String name = query.filters().agencyArea();
        if (name == null) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM agencies WHERE jurisdiction_ref = ? AND lower(name) = ? AND area IS NOT NULL")) {
            statement.setLong(1, query.jurisdictionRef());
            statement.setString(2, name);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw Open311Exception.badRequest(
                            "agency_area must name an agency of this jurisdiction that has an area; got '" + name
                                    + "'");
                }
            }
        }
    }
}
