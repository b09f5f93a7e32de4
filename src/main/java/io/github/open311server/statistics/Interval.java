package io.github.open311server.statistics;

import java.util.Arrays;
import java.util.Optional;

/** The periods counts over time are cut into, in the city's time zone (weeks start on Monday, as ISO 8601). */
public enum Interval {
    DAY,
    WEEK,
    MONTH,
    YEAR;

    /** The field name PostgreSQL's {@code date_trunc} takes, which is also the wire name. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Interval> fromWire(String value) {
        return Arrays.stream(values()).filter(i -> i.wireName().equals(value)).findFirst();
    }
}
