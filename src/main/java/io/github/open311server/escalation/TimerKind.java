package io.github.open311server.escalation;

import java.util.Locale;

/** What a request timer does when it comes due, unless what it waits for happened first. */
public enum TimerKind {
    /** Nobody acknowledged a request whose priority has a chain: tell the supervisors. */
    ESCALATION,
    /** The request is still 'received' after the jurisdiction's hours: remind the department. */
    STILL_RECEIVED,
    /** The request is open past its expected datetime: remind the department. */
    OVERDUE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TimerKind fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
