package io.github.open311server.webhooks;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
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
import io.github.open311server.events.DeliveryLog;
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

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    Datetimes datetimes;

    @Inject
    OutboundTargets targets;

    @Inject
    DeliveryLog log;

    @Inject
    EntityManager em;

    @Inject
    SubscriptionChanges changes;

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
        changes.apply(jurisdiction, subscription, body, true);
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
        changes.apply(jurisdiction, subscription, body, false);
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
        if (body != null && body.eventId() != null) {
            UUID eventId;
            try {
                eventId = UUID.fromString(body.eventId());
            } catch (IllegalArgumentException e) {
                throw Open311Exception.badRequest("event_id must be the id of an event (a UUID)");
            }
            return new Redelivered(log.redeliverEvent(subscription, eventId));
        }
        if (body != null && body.from() != null && body.to() != null) {
            OffsetDateTime from = datetimes.parse("from", body.from());
            OffsetDateTime to = datetimes.parse("to", body.to());
            if (!to.isAfter(from)) {
                throw Open311Exception.badRequest("to must be after from");
            }
            return new Redelivered(log.redeliverRange(subscription, from, to));
        }
        throw Open311Exception.badRequest("Give event_id, or from and to");
    }

    /** The newest deliveries with their attempts (status, latency, the start of each answer). */
    @GET
    @Path("{id}/deliveries")
    @Transactional
    public List<DeliveryLog.DeliveryView> deliveries(
            @PathParam("jurisdiction_id") String jurisdictionId, @PathParam("id") long id) {
        return log.newest(find(scoped(jurisdictionId), id));
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
