package io.github.open311server.requests.export;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.open311server.requests.RequestView;
import io.github.open311server.web.Csv;

/** Requests as CSV lines under a fixed header row of the Open311 field names (stable, so portals map them once). */
final class CsvRequests {

    private record Column(String name, Function<RequestView, Object> value) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("service_request_id", RequestView::serviceRequestId),
            new Column("status", RequestView::status),
            new Column("status_notes", RequestView::statusNotes),
            new Column("service_name", RequestView::serviceName),
            new Column("service_code", RequestView::serviceCode),
            new Column("description", RequestView::description),
            new Column("agency_responsible", RequestView::agencyResponsible),
            new Column("service_notice", RequestView::serviceNotice),
            new Column("requested_datetime", RequestView::requestedDatetime),
            new Column("updated_datetime", RequestView::updatedDatetime),
            new Column("expected_datetime", RequestView::expectedDatetime),
            new Column("address", RequestView::address),
            new Column("address_id", RequestView::addressId),
            new Column("zipcode", RequestView::zipcode),
            new Column("lat", RequestView::lat),
            new Column("long", RequestView::lon),
            new Column("media_url", RequestView::mediaUrl));

    private CsvRequests() {}

    static String header() {
        return Csv.line(COLUMNS.stream().map(Column::name).toList());
    }

    static String line(RequestView request) {
        List<String> fields = new ArrayList<>(COLUMNS.size());
        for (Column column : COLUMNS) {
            Object value = column.value().apply(request);
            fields.add(value instanceof BigDecimal number ? number.toPlainString() : (String) value);
        }
        return Csv.line(fields);
    }
}
