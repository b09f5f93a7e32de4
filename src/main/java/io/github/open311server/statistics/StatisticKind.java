package io.github.open311server.statistics;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The statistics a city asks for, each one call: the path segment and what it groups by when not told. */
public enum StatisticKind {
    /** How many requests were filed, by any dimension and over time. */
    REQUESTS("requests", List.of()),
    /** Time to close and to acknowledge, service-level compliance and reopen rate of the requests filed. */
    PERFORMANCE("performance", List.of(Dimension.SERVICE_CODE)),
    /** The requests open now and how old they are. */
    BACKLOG("backlog", List.of(Dimension.SERVICE_CODE)),
    /** Requests filed in the window against the window of the same length just before it. */
    TRENDS("trends", List.of(Dimension.SERVICE_CODE)),
    /** Information contacts (questions answered without a work item), by service and channel and over time. */
    CONTACTS("contacts", List.of(Dimension.SERVICE_CODE));

    private final String wireName;
    private final List<Dimension> defaultGroups;

    StatisticKind(String wireName, List<Dimension> defaultGroups) {
        this.wireName = wireName;
        this.defaultGroups = defaultGroups;
    }

    public String wireName() {
        return wireName;
    }

    List<Dimension> defaultGroups() {
        return defaultGroups;
    }

    public static Optional<StatisticKind> fromWire(String value) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(value)).findFirst();
    }
}
