package io.github.open311server.requests.queue;

import java.util.Arrays;
import java.util.Optional;

/** The orders of the work queue; each ends with the internal id, so paging is stable. */
public enum QueueSort {
    /** Emergency, then high, then normal; within each, the oldest first: what to do next. */
    PRIORITY("priority"),
    /** The soonest expected datetime (service level) first; requests without one last. */
    EXPECTED("expected_datetime"),
    /** The newest first. */
    NEWEST("-requested_datetime"),
    /** The nearest to lat/long first. */
    DISTANCE("distance");

    private final String parameter;

    QueueSort(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    static Optional<QueueSort> fromParameter(String value) {
        return Arrays.stream(values()).filter(s -> s.parameter.equals(value)).findFirst();
    }
}
