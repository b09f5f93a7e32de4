package io.github.open311server.catalogue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgently a request must be attended, in rising order: a rule or staff can only name one of these. */
public enum Priority {
    NORMAL,
    HIGH,
    /** Danger to people (fallen wires, a missing manhole cover): the on-call staff are told at once. */
    EMERGENCY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Priority> fromWire(String wire) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(wire)).findFirst();
    }

    public Priority atLeast(Priority other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
