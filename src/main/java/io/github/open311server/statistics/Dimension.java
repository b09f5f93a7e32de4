package io.github.open311server.statistics;

import java.util.Arrays;
import java.util.Optional;

/**
 * What statistics can be grouped by: a column name on the wire and the SQL expression it groups.
 * Public statistics group by what GET requests publishes; staff ones also by the city's internal fields.
 */
public enum Dimension {
    SERVICE_CODE("service_code", "s.service_code", false),
    SERVICE_GROUP("service_group", "s.service_group", false),
    AGENCY_RESPONSIBLE("agency_responsible", "r.agency_responsible", false),
    STATUS("status", "r.status", false),
    DETAILED_STATUS("detailed_status", "r.detailed_status", false),
    PRIORITY("priority", "r.priority", true),
    /** The API client (app, CRM, kiosk) a request came in through; none for the city's own intake. */
    CHANNEL("channel", "(SELECT c.name FROM api_clients c WHERE c.id = r.api_client_ref)", true);

    private final String wireName;
    private final String sql;
    private final boolean staffOnly;

    Dimension(String wireName, String sql, boolean staffOnly) {
        this.wireName = wireName;
        this.sql = sql;
        this.staffOnly = staffOnly;
    }

    public String wireName() {
        return wireName;
    }

    String sql() {
        return sql;
    }

    public boolean staffOnly() {
        return staffOnly;
    }

    public static Optional<Dimension> fromWire(String value) {
        return Arrays.stream(values()).filter(d -> d.wireName.equals(value)).findFirst();
    }
}
