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
    /** How a request reached the city (phone, email, walk_in, chat, social, web, app). */
    CHANNEL("channel", "r.channel", true);

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
