package io.github.open311server.webhooks;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.clients.ApiClientEntity;
import io.github.open311server.events.EventTypes;
import io.github.open311server.events.OutboundTargets;
import io.github.open311server.events.WebhookSignature;
import io.github.open311server.events.WebhookSubscriptionEntity;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;

/**
 * Admins manage webhook subscriptions: each belongs to an API client with the read_events scope. The
 * signing secret is shown once, when created or rotated; a rotation keeps the old secret signing too
 * for an overlap window, so a receiver can switch without losing a delivery.
 */
@Path("/admin/v1/jurisdictions/{jurisdiction_id}/webhooks")
@RolesAllowed(StaffIdentity.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    /** A subscription as sent; absent lists mean every service / agency. */
    public record SubscriptionInput(
            Long apiClientId,
            String url,
            List<String> eventTypes,
            List<String> serviceCodes,
            String agency,
            String description,
            Boolean active,
            Boolean staffView) {}

    /** {@code secret} is only filled in the answer to a creation or a rotation. */
    public record SubscriptionView(
            long id,
            long apiClientId,
            String url,
            List<String> eventTypes,
            List<String> serviceCodes,
            String agency,
            String description,
            boolean active,
            boolean staffView,
            String disabledReason,
            String failingSince,
            String secret,
            String previousSecretUntil,
            String createdAt) {}

    public record RotateInput(Integer overlapHours) {}

    /** One event, or every event that occurred in [from, to). */
    public record RedeliverInput(String eventId, String from, String to) {}

    public record Redelivered(int deliveries) {}

    public record DeliveryView(
            long id,
            String eventId,
            String eventType,
            String state,
            int attempts,
            String nextAttemptAt,
            String deliveredAt,
            List<AttemptView> log) {}

    public record AttemptView(String at, Integer statusCode, int latencyMs, String response, String error) {}

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    Datetimes datetimes;

    @Inject
    OutboundTargets targets;

    @Inject
    EntityManager em;

    @GET
    @Transactional
    public List<SubscriptionView> list(@PathParam("jurisdiction_id") String jurisdictionId) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        return WebhookSubscriptionEntity.<WebhookSubscriptionEntity>list(
                        "jurisdictionRef = ?1 order by id", jurisdiction.id())
                .stream()
                .map(s -> view(s, null))
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(@PathParam("jurisdiction_id") String jurisdictionId, SubscriptionInput body) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        WebhookSubscriptionEntity subscription = new WebhookSubscriptionEntity();
        subscription.jurisdictionRef = jurisdiction.id();
        apply(jurisdiction, subscription, body, true);
        String secret = WebhookSignature.newSecret();
        subscription.secret = secret;
        subscription.persist();
        em.flush();
        em.refresh(subscription);
        return Response.status(201)
                .entity(view(subscription, secret))
                .location(URI.create(
                        "/admin/v1/jurisdictions/" + jurisdiction.jurisdictionId() + "/webhooks/" + subscription.id))
                .build();
    }

    @GET
    @Path("{id}")
    @Transactional
    public SubscriptionView get(@PathParam("jurisdiction_id") String jurisdictionId, @PathParam("id") long id) {
        return view(find(scoped(jurisdictionId), id), null);
    }

    /** Replaces the settings (not the secret); switching a subscription on again clears its failure state. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public SubscriptionView update(
            @PathParam("jurisdiction_id") String jurisdictionId, @PathParam("id") long id, SubscriptionInput body) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        WebhookSubscriptionEntity subscription = find(jurisdiction, id);
        boolean wasActive = subscription.active;
        apply(jurisdiction, subscription, body, false);
        if (subscription.active && !wasActive) {
            subscription.disabledReason = null;
            subscription.failingSince = null;
        }
        return view(subscription, null);
    }

    @POST
    @Path("{id}/rotate-secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public SubscriptionView rotate(
            @PathParam("jurisdiction_id") String jurisdictionId, @PathParam("id") long id, RotateInput body) {
        WebhookSubscriptionEntity subscription = find(scoped(jurisdictionId), id);
        int hours = body == null || body.overlapHours() == null ? 24 : body.overlapHours();
        if (hours < 0 || hours > 24 * 30) {
            throw Open311Exception.badRequest("overlap_hours must be between 0 and 720");
        }
        String secret = WebhookSignature.newSecret();
        subscription.previousSecret = subscription.secret;
        subscription.previousSecretUntil = datetimes.now().plus(Duration.ofHours(hours));
        subscription.secret = secret;
        return view(subscription, secret);
    }

    /** Sends again one event (by event_id) or every event of a time range, in their original order. */
    @POST
    @Path("{id}/redeliver")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Redelivered redeliver(
            @PathParam("jurisdiction_id") String jurisdictionId, @PathParam("id") long id, RedeliverInput body) {
        WebhookSubscriptionEntity subscription = find(scoped(jurisdictionId), id);
        String condition;
        List<Object> args = new ArrayList<>();
        if (body != null && body.eventId() != null) {
            try {
                args.add(UUID.fromString(body.eventId()).toString());
            } catch (IllegalArgumentException e) {
                throw Open311Exception.badRequest("event_id must be the id of an event (a UUID)");
            }
            condition = "e.event_id = CAST(?1 AS uuid)";
        } else if (body != null && body.from() != null && body.to() != null) {
            OffsetDateTime from = datetimes.parse("from", body.from());
            OffsetDateTime to = datetimes.parse("to", body.to());
            if (!to.isAfter(from)) {
                throw Open311Exception.badRequest("to must be after from");
            }
            args.add(from);
            args.add(to);
            condition = "e.occurred_at >= ?1 AND e.occurred_at < ?2";
        } else {
            throw Open311Exception.badRequest("Give event_id, or from and to");
        }
        var query = em.createNativeQuery("""
                INSERT INTO webhook_deliveries (subscription_ref, event_ref, request_ref, request_seq)
                SELECT ?%d, e.id, e.request_ref, e.request_seq FROM events e
                 WHERE e.jurisdiction_ref = ?%d AND %s AND (NOT e.staff_only OR ?%d)
                ON CONFLICT (subscription_ref, event_ref) DO UPDATE
                   SET state = 'pending', attempts = 0, next_attempt_at = now(), created_at = now(), delivered_at = NULL""".formatted(args.size() + 1, args.size() + 2, condition, args.size() + 3));
        for (int i = 0; i < args.size(); i++) {
            query.setParameter(i + 1, args.get(i));
        }
        query.setParameter(args.size() + 1, subscription.id);
        query.setParameter(args.size() + 2, subscription.jurisdictionRef);
        query.setParameter(args.size() + 3, subscription.staffView);
        return new Redelivered(query.executeUpdate());
    }

    /** The newest deliveries with their attempts (status, latency, the start of each answer). */
    @GET
    @Path("{id}/deliveries")
    @Transactional
    @SuppressWarnings("unchecked")
    public List<DeliveryView> deliveries(
            @PathParam("jurisdiction_id") String jurisdictionId, @PathParam("id") long id) {
        WebhookSubscriptionEntity subscription = find(scoped(jurisdictionId), id);
        List<Object[]> rows =
                em.createNativeQuery("""
                SELECT d.id, CAST(e.event_id AS text), e.event_type, d.state, d.attempts, d.next_attempt_at, d.delivered_at
                  FROM webhook_deliveries d JOIN events e ON e.id = d.event_ref
                 WHERE d.subscription_ref = ?1 ORDER BY d.id DESC LIMIT 100""").setParameter(1, subscription.id).getResultList();
        // the attempts of the whole page in one query, not one per delivery
        Map<Long, List<AttemptView>> attempts = new HashMap<>();
        if (!rows.isEmpty()) {
            List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
            List<Object[]> logged =
                    em.createNativeQuery("""
                    SELECT delivery_ref, attempted_at, status_code, latency_ms, response, error FROM webhook_attempts
                     WHERE delivery_ref IN (?1) ORDER BY id""").setParameter(1, ids).getResultList();
            for (Object[] a : logged) {
                attempts.computeIfAbsent(((Number) a[0]).longValue(), k -> new ArrayList<>())
                        .add(new AttemptView(
                                datetimes.formatColumn(a[1]),
                                a[2] == null ? null : ((Number) a[2]).intValue(),
                                ((Number) a[3]).intValue(),
                                (String) a[4],
                                (String) a[5]));
            }
        }
        List<DeliveryView> views = new ArrayList<>();
        for (Object[] row : rows) {
            long deliveryId = ((Number) row[0]).longValue();
            views.add(new DeliveryView(
                    deliveryId,
                    (String) row[1],
                    (String) row[2],
                    (String) row[3],
                    ((Number) row[4]).intValue(),
                    "pending".equals(row[3]) ? datetimes.formatColumn(row[5]) : null,
                    datetimes.formatColumn(row[6]),
                    attempts.getOrDefault(deliveryId, List.of())));
        }
        return views;
    }

    private void apply(
            Jurisdiction jurisdiction,
            WebhookSubscriptionEntity subscription,
            SubscriptionInput body,
            boolean creating) {
        List<String> problems = new ArrayList<>();
        if (body == null) {
            throw Open311Exception.badRequest("A JSON body is required");
        }
        ApiClientEntity client = body.apiClientId() == null ? null : ApiClientEntity.findById(body.apiClientId());
        if (client == null
                || !Long.valueOf(jurisdiction.id()).equals(client.jurisdictionRef)
                || client.revokedAt != null
                || !client.hasScope(ApiClientEntity.READ_EVENTS)) {
            problems.add(
                    "api_client_id must name an active API client of this jurisdiction with the read_events scope");
        }
        boolean staffView = Boolean.TRUE.equals(body.staffView());
        if (staffView && client != null && !client.hasScope(ApiClientEntity.READ_PERSONAL_DATA)) {
            problems.add("staff_view needs an API client with the read_personal_data scope");
        }
        if (body.url() == null || body.url().length() > 2000) {
            problems.add("url is required (at most 2000 characters)");
        } else {
            targets.refusal(body.url()).ifPresent(problems::add);
        }
        List<String> types = body.eventTypes() == null ? List.of() : body.eventTypes();
        if (types.isEmpty() || !EventTypes.ALL.containsAll(types)) {
            problems.add("event_types must list one or more of " + EventTypes.ALL);
        }
        if (body.description() != null && body.description().length() > 500) {
            problems.add("description is longer than 500 characters");
        }
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
        subscription.apiClientRef = client.id;
        subscription.url = body.url();
        subscription.eventTypes = types.stream().distinct().toArray(String[]::new);
        subscription.serviceCodes = body.serviceCodes() == null
                        || body.serviceCodes().isEmpty()
                ? null
                : body.serviceCodes().toArray(String[]::new);
        subscription.agency = body.agency() == null || body.agency().isBlank()
                ? null
                : body.agency().strip();
        subscription.description = body.description();
        subscription.staffView = staffView;
        subscription.active = body.active() == null ? creating || subscription.active : body.active();
    }

    private SubscriptionView view(WebhookSubscriptionEntity s, String secret) {
        return new SubscriptionView(
                s.id,
                s.apiClientRef,
                s.url,
                Arrays.asList(s.eventTypes),
                s.serviceCodes == null ? null : Arrays.asList(s.serviceCodes),
                s.agency,
                s.description,
                s.active,
                s.staffView,
                s.disabledReason,
                datetimes.format(s.failingSince),
                secret,
                s.previousSecretUntil == null || s.previousSecretUntil.isBefore(datetimes.now())
                        ? null
                        : datetimes.format(s.previousSecretUntil),
                datetimes.format(s.createdAt));
    }

    private Jurisdiction scoped(String jurisdictionId) {
        identity.require(jurisdictionId, StaffIdentity.ADMIN);
        return jurisdictions.resolve(jurisdictionId);
    }

    private static WebhookSubscriptionEntity find(Jurisdiction jurisdiction, long id) {
        WebhookSubscriptionEntity subscription = WebhookSubscriptionEntity.findById(id);
        if (subscription == null || !Long.valueOf(jurisdiction.id()).equals(subscription.jurisdictionRef)) {
            throw Open311Exception.notFound("Webhook subscription " + id + " not found");
        }
        return subscription;
    }
}
