package io.github.open311server.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueChanged;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.database.TransactionSql;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Renderer;

/**
 * The transactional outbox. Events are written by the transaction that makes the change, together
 * with one pending delivery per matching subscription, so an event exists if and only if its change
 * committed and nothing is lost if the server dies right after. Nothing is sent from here: the
 * dispatcher sends after commit, and never slows the request that caused the event.
 */
@ApplicationScoped
public class Outbox {

    /**
     * The event, its mails and its webhook deliveries in one statement. Positional parameters, in this order:
     * event id, type, jurisdiction, request, sequence, service, agency, time, payload, staff only, internal note;
     * request, audiences, kinds; request, sequence, jurisdiction, type, service code, agency, staff only.
     */
    private static final String INSERT = """
            WITH e AS (
                INSERT INTO events (event_id, event_type, jurisdiction_ref, request_ref, request_seq, service_ref,
                                    agency, occurred_at, payload, staff_only, internal_note_ref)
                VALUES (CAST(? AS uuid), ?, ?, CAST(? AS bigint), CAST(? AS integer),
                        CAST(? AS bigint), CAST(? AS text), ?, CAST(? AS jsonb), ?,
                        CAST(? AS bigint))
                RETURNING id),
            m AS (
                INSERT INTO mail_jobs (event_ref, request_ref, audience, kind)
                SELECT e.id, CAST(? AS bigint), m.audience, m.kind
                  FROM e, unnest(CAST(? AS text[]), CAST(? AS text[])) AS m (audience, kind))
            INSERT INTO webhook_deliveries (subscription_ref, event_ref, request_ref, request_seq)
            SELECT s.id, e.id, CAST(? AS bigint), CAST(? AS integer)
              FROM e, webhook_subscriptions s
             WHERE s.active AND s.jurisdiction_ref = ? AND ? = ANY (s.event_types)
               AND (s.service_codes IS NULL OR CAST(? AS text) = ANY (s.service_codes))
               AND (s.agency IS NULL OR lower(s.agency) = lower(CAST(? AS text)))
               AND (s.staff_view OR NOT ?)""";

    /** Where an event sits in its request's life: over all events, and over those public readers see. */
    private record Sequence(int all, int visible) {}

    @Inject
    TransactionSql sql;

    @Inject
    Catalogue catalogue;

    @Inject
    Datetimes datetimes;

    @Inject
    Renderer renderer;

    @Inject
    PublicRequestViews views;

    @Inject
    Event<EventsWritten> written;

    /**
     * An event about a request, after the change was applied to it (and under its row lock, which keeps
     * the per-request sequence gap-free and in commit order). {@code internalNote}: the history entry of
     * an internal note made with the change, which only staff views show. {@code mails}: the mail the
     * change causes, queued with the event.
     */
    public void request(
            ServiceRequestEntity request,
            String type,
            Map<String, Object> changes,
            String note,
            Long internalNote,
            String actor,
            List<QueuedMail> mails) {
        requestEvent(request, type, changes, note, internalNote, actor, false, mails, Map.of());
    }

    /** An internal note alone: an event for staff views only, invisible to public readers and their sequence. */
    public void internalNote(ServiceRequestEntity request, long internalNote, String actor, List<QueuedMail> mails) {
        requestEvent(
                request, EventTypes.REQUEST_NOTE_ADDED, Map.of(), null, internalNote, actor, true, mails, Map.of());
    }

    /**
     * An event for staff views only about the city's own handling of a request (an escalation, a
     * reminder): {@code details} are added to its data, {@code internalNote} is its internal history entry.
     */
    public void staffOnly(
            ServiceRequestEntity request,
            String type,
            Map<String, Object> changes,
            Map<String, Object> details,
            long internalNote,
            String actor,
            List<QueuedMail> mails) {
        requestEvent(request, type, changes, null, internalNote, actor, true, mails, details);
    }

    private void requestEvent(
            ServiceRequestEntity request,
            String type,
            Map<String, Object> changes,
            String note,
            Long internalNote,
            String actor,
            boolean staffOnly,
            List<QueuedMail> mails,
            Map<String, Object> details) {
        CatalogueService service = catalogue.serviceById(request.serviceRef);
        // a hidden request (moderated, or awaiting approval), or one of a service that publishes nothing, is
        // shown to staff views only
        staffOnly = staffOnly || request.hidden || (service != null && !service.publishesRequests());
        Sequence seq = type.equals(EventTypes.REQUEST_CREATED) ? new Sequence(1, 1) : next(request, staffOnly);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sequence", seq.visible());
        data.put("service_request_id", request.serviceRequestId);
        data.put("actor", actor(actor));
        data.put("changes", changes);
        data.put("note", note);
        data.put("priority", request.priority);
        data.putAll(details);
        data.put("request", views.of(request));
        write(
                new Row(
                        type,
                        request.jurisdictionRef,
                        request.id,
                        seq.all(),
                        request.serviceRef,
                        service == null ? null : service.code(),
                        request.agencyResponsible,
                        staffOnly,
                        internalNote,
                        mails),
                data);
    }

    /** No query when filing (the first event is 1 in both counts). */
    private Sequence next(ServiceRequestEntity request, boolean staffOnly) {
        return sql.first("""
                        SELECT coalesce(max(request_seq), 0), count(*) FILTER (WHERE NOT staff_only)
                          FROM events WHERE request_ref = ?""", row -> new Sequence(row.getInt(1) + 1, row.getInt(2) + (staffOnly ? 0 : 1)), request.id)
                .orElseThrow();
    }

    /** A committed catalogue change is an event too, so integrations can refresh their copy of the service list. */
    void catalogueChanged(@Observes CatalogueChanged change) {
        if (change.kind() == CatalogueChanged.Kind.JURISDICTION) {
            return; // a jurisdiction that did not exist a moment ago has no subscriptions
        }
        boolean service = change.kind() == CatalogueChanged.Kind.SERVICE;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("what", change.kind().name().toLowerCase(Locale.ROOT));
        data.put(service ? "service_code" : "agency", change.name());
        write(
                new Row(
                        EventTypes.SERVICE_CHANGED,
                        change.jurisdictionRef(),
                        null,
                        null,
                        null,
                        service ? change.name() : null,
                        service ? null : change.name(),
                        false,
                        null,
                        List.of()),
                data);
    }

    /** An event that is not about a request, e.g. a receiver switched off (written by the dispatcher's own transaction). */
    public void system(long jurisdictionRef, String type, Map<String, Object> details) {
        write(
                new Row(type, jurisdictionRef, null, null, null, null, null, false, null, List.of()),
                new LinkedHashMap<>(details));
    }

    /** The columns of an events row besides its payload (and what its fan-out filters by). */
    private record Row(
            String type,
            long jurisdictionRef,
            Long requestRef,
            Integer seq,
            Long serviceRef,
            String serviceCode,
            String agency,
            boolean staffOnly,
            Long internalNote,
            List<QueuedMail> mails) {}

    private void write(Row row, Map<String, Object> data) {
        UUID eventId = UUID.randomUUID();
        OffsetDateTime now = datetimes.now();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", row.type());
        envelope.put("timestamp", datetimes.format(now));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_id", eventId.toString());
        body.put("schema_version", EventTypes.SCHEMA_VERSION);
        body.put("jurisdiction_id", jurisdictionId(row.jurisdictionRef()));
        body.putAll(data);
        envelope.put("data", body);
        String audiences = array(row.mails().stream().map(QueuedMail::audience));
        String kinds = array(row.mails().stream().map(QueuedMail::kind));
        String payload = new String(renderer.jsonBytes(envelope), StandardCharsets.UTF_8);
        sql.update(
                INSERT,
                eventId.toString(),
                row.type(),
                row.jurisdictionRef(),
                row.requestRef(),
                row.seq(),
                row.serviceRef(),
                row.agency(),
                now,
                payload,
                row.staffOnly(),
                row.internalNote(),
                row.requestRef(),
                audiences,
                kinds,
                row.requestRef(),
                row.seq(),
                row.jurisdictionRef(),
                row.type(),
                row.serviceCode(),
                row.agency(),
                row.staffOnly());
        written.fire(new EventsWritten());
    }

    /** A text[] literal of plain words (audiences and kinds are fixed names, never user input). */
    private static String array(Stream<String> words) {
        return words.collect(Collectors.joining(",", "{", "}"));
    }

    private String jurisdictionId(long id) {
        return catalogue.jurisdiction(id).map(Jurisdiction::jurisdictionId).orElse(null);
    }

    /** {@code staff:<subject>} or {@code api_client:<name>} as {@code {"type": "staff", "id": "<subject>"}}. */
    private static Map<String, String> actor(String actor) {
        int colon = actor == null ? -1 : actor.indexOf(':');
        Map<String, String> out = new LinkedHashMap<>();
        out.put("type", colon < 0 ? "system" : actor.substring(0, colon));
        out.put("id", colon < 0 ? actor : actor.substring(colon + 1));
        return out;
    }
}
