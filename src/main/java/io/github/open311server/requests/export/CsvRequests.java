package io.github.open311server.requests.export;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

import io.github.open311server.requests.RequestView;

/**
 * Requests as RFC 4180 lines: a fixed header row of the Open311 field names (stable, so portals can map
 * them once), each field quoted when it holds a comma, a quote or a line break, quotes doubled, CRLF
 * line ends. Text that starts like a spreadsheet formula is written as it is: this is data, and the
 * quoting keeps it one field.
 */
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
        StringBuilder line = new StringBuilder();
        for (Column column : COLUMNS) {
            append(line, column.name());
        }
        return end(line);
    }

    static String line(RequestView request) {
        StringBuilder line = new StringBuilder();
        for (Column column : COLUMNS) {
            Object value = column.value().apply(request);
            append(line, value instanceof BigDecimal number ? number.toPlainString() : (String) value);
        }
        return end(line);
    }

    private static void append(StringBuilder line, String value) {
        if (!line.isEmpty()) {
            line.append(',');
        }
        if (value == null) {
            return;
        }
        if (value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            line.append(value);
        }
    }

    private static String end(StringBuilder line) {
        return line.append("\r\n").toString();
    }
}
