package io.github.open311server.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueChanged;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.Jurisdiction;
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

    private static final String INSERT = """
            WITH e AS (
                INSERT INTO events (event_id, event_type, jurisdiction_ref, request_ref, request_seq, service_ref,
                                    agency, occurred_at, payload)
                VALUES (CAST(:eventId AS uuid), :type, :jurisdiction, CAST(:request AS bigint), CAST(:seq AS integer),
                        CAST(:service AS bigint), CAST(:agency AS text), :at, CAST(:payload AS jsonb))
                RETURNING id)
            INSERT INTO webhook_deliveries (subscription_ref, event_ref, request_ref, request_seq)
            SELECT s.id, e.id, CAST(:request AS bigint), CAST(:seq AS integer)
              FROM e, webhook_subscriptions s
             WHERE s.active AND s.jurisdiction_ref = :jurisdiction AND :type = ANY (s.event_types)
               AND (s.service_codes IS NULL OR CAST(:code AS text) = ANY (s.service_codes))
               AND (s.agency IS NULL OR lower(s.agency) = lower(CAST(:agency AS text)))""";

    @Inject
    EntityManager em;

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
     * the per-request sequence gap-free and in commit order).
     */
    public void request(
            ServiceRequestEntity request, String type, Map<String, Object> changes, String note, String actor) {
        int seq = type.equals(EventTypes.REQUEST_CREATED) ? 1 : lastSequence(request) + 1; // no query when filing
        CatalogueService service = catalogue.serviceById(request.serviceRef);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sequence", seq);
        data.put("service_request_id", request.serviceRequestId);
        data.put("actor", actor(actor));
        data.put("changes", changes);
        data.put("note", note);
        data.put("request", views.of(request));
        write(
                type,
                request.jurisdictionRef,
                request.id,
                seq,
                request.serviceRef,
                service == null ? null : service.code(),
                request.agencyResponsible,
                data);
    }

    private int lastSequence(ServiceRequestEntity request) {
        Number last =
                (Number) em.createNativeQuery("SELECT coalesce(max(request_seq), 0) FROM events WHERE request_ref = :r")
                        .setParameter("r", request.id)
                        .getSingleResult();
        return last.intValue();
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
                EventTypes.SERVICE_CHANGED,
                change.jurisdictionRef(),
                null,
                null,
                null,
                service ? change.name() : null,
                service ? null : change.name(),
                data);
    }

    /** An event that is not about a request, e.g. a receiver switched off (written by the dispatcher's own transaction). */
    public void system(long jurisdictionRef, String type, Map<String, Object> details) {
        write(type, jurisdictionRef, null, null, null, null, null, new LinkedHashMap<>(details));
    }

    private void write(
            String type,
            long jurisdictionRef,
            Long requestRef,
            Integer seq,
            Long serviceRef,
            String serviceCode,
            String agency,
            Map<String, Object> data) {
        UUID eventId = UUID.randomUUID();
        OffsetDateTime now = datetimes.now();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", type);
        envelope.put("timestamp", datetimes.format(now));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_id", eventId.toString());
        body.put("schema_version", EventTypes.SCHEMA_VERSION);
        body.put("jurisdiction_id", jurisdictionId(jurisdictionRef));
        body.putAll(data);
        envelope.put("data", body);
        em.createNativeQuery(INSERT)
                .setParameter("eventId", eventId.toString())
                .setParameter("type", type)
                .setParameter("jurisdiction", jurisdictionRef)
                .setParameter("request", requestRef)
                .setParameter("seq", seq)
                .setParameter("service", serviceRef)
                .setParameter("code", serviceCode)
                .setParameter("agency", agency)
                .setParameter("at", now)
                .setParameter("payload", new String(renderer.jsonBytes(envelope), StandardCharsets.UTF_8))
                .executeUpdate();
        written.fire(new EventsWritten());
    }

    private String jurisdictionId(long id) {
        return catalogue.jurisdictions().stream()
                .filter(j -> j.id() == id)
                .map(Jurisdiction::jurisdictionId)
                .findFirst()
                .orElse(null);
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
