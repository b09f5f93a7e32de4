package io.github.open311server.events;

import java.util.List;

/** The event types a subscription can ask for; payloads of each are described in openapi/open311.yaml (webhooks). */
public final class EventTypes {

    public static final String REQUEST_CREATED = "request.created";
    public static final String REQUEST_STATUS_CHANGED = "request.status_changed";
    public static final String REQUEST_UPDATED = "request.updated";
    public static final String REQUEST_NOTE_ADDED = "request.note_added";
    public static final String REQUEST_MERGED = "request.merged";
    public static final String UPDATE_RECEIVED = "update.received";
    public static final String SERVICE_CHANGED = "service.changed";
    /** Staff views only: nobody acknowledged a request within its chain's limit, and the supervisors were told. */
    public static final String REQUEST_ESCALATED = "request.escalated";
    /** Staff views only: the department was reminded of a request still received, or past its expected datetime. */
    public static final String REQUEST_REMINDER = "request.reminder";
    /** Told to the city's admins (through the feed and other subscriptions) when a receiver is switched off. */
    public static final String SUBSCRIPTION_DISABLED = "subscription.disabled";

    public static final List<String> ALL = List.of(
            REQUEST_CREATED,
            REQUEST_STATUS_CHANGED,
            REQUEST_UPDATED,
            REQUEST_NOTE_ADDED,
            REQUEST_MERGED,
            UPDATE_RECEIVED,
            SERVICE_CHANGED,
            SUBSCRIPTION_DISABLED,
            REQUEST_ESCALATED,
            REQUEST_REMINDER);

    /** Payload schema version, in every event: a change that is not additive gets a new one. */
    public static final int SCHEMA_VERSION = 1;

    private EventTypes() {}

    /** The event a history action stands for. */
    public static String ofAction(String action) {
        return switch (action) {
            case "created" -> REQUEST_CREATED;
            case "status_changed" -> REQUEST_STATUS_CHANGED;
            case "note", "message" -> REQUEST_NOTE_ADDED;
            case "duplicate" -> REQUEST_MERGED;
            case "external_update" -> UPDATE_RECEIVED;
            default -> REQUEST_UPDATED;
        };
    }
}
