package io.github.open311server.requests.search;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The columns a public read selects, in SELECT order: rows are read by {@link #index()}, so the
 * SELECT list and the reads cannot drift apart. Extension columns come last, and only
 * {@code extensions=true} selects them: decoding an array per row is not free on the hottest path.
 */
enum RequestColumn {
    ID("r.id"),
    SERVICE_REQUEST_ID("r.service_request_id"),
    STATUS("r.status"),
    STATUS_NOTES("r.status_notes"),
    SERVICE_REF("r.service_ref"),
    DESCRIPTION("r.description"),
    AGENCY_RESPONSIBLE("r.agency_responsible"),
    SERVICE_NOTICE("r.service_notice"),
    REQUESTED_DATETIME("r.requested_datetime"),
    UPDATED_DATETIME("r.updated_datetime"),
    EXPECTED_DATETIME("r.expected_datetime"),
    ADDRESS("r.address"),
    ADDRESS_ID("r.address_id"),
    ZIPCODE("r.zipcode"),
    LAT("ST_Y(r.location)"),
    LON("ST_X(r.location)"),
    FIRST_MEDIA_URL("r.media_urls[1]"),
    DETAILED_STATUS("r.detailed_status", true),
    MEDIA_URLS("r.media_urls", true),
    WORK_ORDER_SYSTEM("r.work_order_system", true),
    WORK_ORDER_ID("r.work_order_id", true),
    WORK_ORDER_URL("r.work_order_url", true),
    ASSIGNEE("r.assignee", true);

    private static final String PLAIN = select(false);
    private static final String EXTENDED = select(true);

    private final String expression;
    private final boolean extension;

    RequestColumn(String expression) {
        this(expression, false);
    }

    RequestColumn(String expression, boolean extension) {
        this.expression = expression;
        this.extension = extension;
    }

    /** The JDBC column index of this column in a SELECT built by {@link #list(boolean)}. */
    int index() {
        return ordinal() + 1;
    }

    static String list(boolean extensions) {
        return extensions ? EXTENDED : PLAIN;
    }

    private static String select(boolean extensions) {
        return Arrays.stream(values())
                .filter(c -> extensions || !c.extension)
                .map(c -> c.expression)
                .collect(Collectors.joining(", "));
    }
}
