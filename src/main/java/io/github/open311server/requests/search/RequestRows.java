package io.github.open311server.requests.search;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.requests.ExtendedAttributes;
import io.github.open311server.requests.RequestView;
import io.github.open311server.requests.WorkOrder;
import io.github.open311server.time.Datetimes;

import static io.github.open311server.requests.search.RequestColumn.*;

/**
 * Rows of {@link RequestColumn} into published views. Service names come from the in-memory
 * catalogue instead of a join; the public history of a whole page is read in one query.
 */
@ApplicationScoped
class RequestRows {

    /** A row as read: the published view plus the raw keys a page token and the extensions need. */
    record Row(
            long id,
            OffsetDateTime requested,
            OffsetDateTime updated,
            RequestView view,
            String detailedStatus,
            List<String> mediaUrls,
            WorkOrder workOrder,
            String assignee) {}

    private static final String PUBLIC_HISTORY = """
            SELECT request_ref, changed_at, action,
                   CASE jsonb_typeof(changes -> 'status') WHEN 'object' THEN changes -> 'status' ->> 'to'
                        ELSE changes ->> 'status' END,
                   CASE jsonb_typeof(changes -> 'detailed_status') WHEN 'object' THEN changes -> 'detailed_status' ->> 'to'
                        ELSE changes ->> 'detailed_status' END,
                   note,
                   CASE WHEN jsonb_typeof(changes -> 'photos') = 'array'
                        THEN ARRAY(SELECT jsonb_array_elements_text(changes -> 'photos')) END
              FROM request_history WHERE request_ref = ANY (?) AND public ORDER BY request_ref, changed_at, id""";

    @Inject
    Catalogue catalogue;

    @Inject
    Datetimes datetimes;

    List<Row> run(Connection connection, SqlStatement sql) throws SQLException {
        try (PreparedStatement statement = sql.prepare(connection);
                ResultSet rows = statement.executeQuery()) {
            // extension columns come last: the statement selected them if it reaches the last one
            boolean extensionColumns = rows.getMetaData().getColumnCount() >= RequestColumn.ASSIGNEE.index();
            List<Row> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row(rows, extensionColumns));
            }
            return result;
        }
    }

    /**
     * The views of rows, with extended_attributes when asked for; {@code workOrders}: whether the
     * jurisdiction publishes work orders and assignees there.
     */
    List<RequestView> views(Connection connection, List<Row> rows, boolean extensions, boolean workOrders)
            throws SQLException {
        return extensions
                ? extend(connection, rows, workOrders)
                : rows.stream().map(Row::view).toList();
    }

    private Row row(ResultSet rows, boolean extensionColumns) throws SQLException {
        CatalogueService service = catalogue.serviceById(rows.getLong(SERVICE_REF.index()));
        OffsetDateTime requested = rows.getObject(REQUESTED_DATETIME.index(), OffsetDateTime.class);
        OffsetDateTime updated = rows.getObject(UPDATED_DATETIME.index(), OffsetDateTime.class);
        RequestView view = new RequestView(
                rows.getString(SERVICE_REQUEST_ID.index()),
                rows.getString(STATUS.index()),
                rows.getString(STATUS_NOTES.index()),
                service == null ? null : service.name(),
                service == null ? null : service.code(),
                rows.getString(DESCRIPTION.index()),
                rows.getString(AGENCY_RESPONSIBLE.index()),
                rows.getString(SERVICE_NOTICE.index()),
                datetimes.format(requested),
                datetimes.format(updated),
                datetimes.format(rows.getObject(EXPECTED_DATETIME.index(), OffsetDateTime.class)),
                rows.getString(ADDRESS.index()),
                rows.getString(ADDRESS_ID.index()),
                rows.getString(ZIPCODE.index()),
                degrees(rows, LAT),
                degrees(rows, LON),
                rows.getString(FIRST_MEDIA_URL.index()),
                null);
        long id = rows.getLong(ID.index());
        if (!extensionColumns) {
            return new Row(id, requested, updated, view, null, List.of(), null, null);
        }
        Array media = rows.getArray(MEDIA_URLS.index());
        List<String> mediaUrls = media == null ? List.of() : Arrays.asList((String[]) media.getArray());
        String system = rows.getString(WORK_ORDER_SYSTEM.index());
        WorkOrder workOrder = system == null
                ? null
                : new WorkOrder(system, rows.getString(WORK_ORDER_ID.index()), rows.getString(WORK_ORDER_URL.index()));
        return new Row(
                id,
                requested,
                updated,
                view,
                rows.getString(DETAILED_STATUS.index()),
                mediaUrls,
                workOrder,
                rows.getString(ASSIGNEE.index()));
    }

    private List<RequestView> extend(Connection connection, List<Row> rows, boolean workOrders) throws SQLException {
        Map<Long, List<ExtendedAttributes.HistoryEntry>> history = new HashMap<>();
        if (!rows.isEmpty()) {
            SqlStatement sql = new SqlStatement(
                    PUBLIC_HISTORY, List.of((Object) rows.stream().map(Row::id).toArray(Long[]::new)));
            try (PreparedStatement statement = sql.prepare(connection);
                    ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    history.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new ExtendedAttributes.HistoryEntry(
                                    datetimes.format(rs.getObject(2, OffsetDateTime.class)),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    photos(rs.getArray(7))));
                }
            }
        }
        return rows.stream()
                .map(row -> row.view()
                        .withExtendedAttributes(new ExtendedAttributes(
                                row.detailedStatus(),
                                row.mediaUrls(),
                                history.getOrDefault(row.id(), List.of()),
                                workOrders ? row.workOrder() : null,
                                workOrders ? row.assignee() : null)))
                .toList();
    }

    private static List<String> photos(Array links) throws SQLException {
        return links == null ? null : Arrays.asList((String[]) links.getArray());
    }

    private static BigDecimal degrees(ResultSet rows, RequestColumn column) throws SQLException {
        double value = rows.getDouble(column.index());
        return rows.wasNull() ? null : RequestView.degrees(value);
    }
}
