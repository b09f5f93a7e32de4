package io.github.open311server.updates;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.github.open311server.requests.lifecycle.DetailedStatus;

/**
 * The mySociety extended statuses (FixMyStreet, open311-adapter) and our detailed statuses, both ways.
 * {@code UNCHANGED} adds a note without moving the status.
 */
final class ExternalStatus {

    private static final Map<String, DetailedStatus> INBOUND = Map.ofEntries(
            Map.entry("OPEN", DetailedStatus.RECEIVED),
            Map.entry("REOPEN", DetailedStatus.RECEIVED),
            Map.entry("FOR_TRIAGE", DetailedStatus.ACKNOWLEDGED),
            Map.entry("INVESTIGATING", DetailedStatus.ACKNOWLEDGED),
            Map.entry("ACTION_SCHEDULED", DetailedStatus.SCHEDULED),
            Map.entry("PLANNED", DetailedStatus.SCHEDULED),
            Map.entry("IN_PROGRESS", DetailedStatus.IN_PROGRESS),
            Map.entry("FIXED", DetailedStatus.RESOLVED),
            Map.entry("CLOSED", DetailedStatus.RESOLVED),
            Map.entry("DUPLICATE", DetailedStatus.DUPLICATE),
            Map.entry("NOT_COUNCILS_RESPONSIBILITY", DetailedStatus.REFERRED),
            Map.entry("INTERNAL_REFERRAL", DetailedStatus.REFERRED),
            Map.entry("NO_FURTHER_ACTION", DetailedStatus.CLOSED_WITHOUT_ACTION),
            Map.entry("CANCELLED", DetailedStatus.CLOSED_WITHOUT_ACTION));

    private ExternalStatus() {}

    /** empty: not a known status; an empty inner optional would be UNCHANGED, so it is modelled by the caller. */
    static Optional<DetailedStatus> inbound(String status) {
        return Optional.ofNullable(INBOUND.get(status.toUpperCase(Locale.ROOT)));
    }

    static boolean isUnchanged(String status) {
        return "UNCHANGED".equalsIgnoreCase(status);
    }

    /** Our detailed status in the lower-case mySociety vocabulary. */
    static String outbound(String detailedStatus) {
        return switch (DetailedStatus.fromWire(detailedStatus == null ? "" : detailedStatus)
                .orElse(DetailedStatus.RECEIVED)) {
            case RECEIVED -> "open";
            case ACKNOWLEDGED -> "investigating";
            case SCHEDULED -> "action_scheduled";
            case IN_PROGRESS, ON_HOLD -> "in_progress";
            case RESOLVED -> "fixed";
            case CLOSED_WITHOUT_ACTION -> "no_further_action";
            case DUPLICATE -> "duplicate";
            case REFERRED -> "not_councils_responsibility";
        };
    }
}
