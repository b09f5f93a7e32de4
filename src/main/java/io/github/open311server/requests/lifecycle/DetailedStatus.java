package io.github.open311server.requests.lifecycle;

import java.util.Locale;
import java.util.Optional;

/**
 * The city's working states of a request. GeoReport v2 publishes only open or closed; the detailed
 * status goes out in extended_attributes and the updates resource.
 */
public enum DetailedStatus {
    RECEIVED(false),
    ACKNOWLEDGED(false),
    SCHEDULED(false),
    IN_PROGRESS(false),
    ON_HOLD(false),
    RESOLVED(true),
    CLOSED_WITHOUT_ACTION(true),
    DUPLICATE(true),
    REFERRED(true);

    private final boolean closed;

    DetailedStatus(boolean closed) {
        this.closed = closed;
    }

    /** The spec's status: open or closed. */
    public String publicStatus() {
        return closed ? "closed" : "open";
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DetailedStatus> fromWire(String value) {
        for (DetailedStatus status : values()) {
            if (status.wireName().equalsIgnoreCase(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
