package io.github.open311server.events;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.github.open311server.time.Datetimes;

/** A subscription's deliveries as its admins see them, and deliveries queued again on their request. */
@ApplicationScoped
public class DeliveryLog {

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
    EntityManager em;

    @Inject
    Datetimes datetimes;

    /** Sends one event again; the number of deliveries queued (0 when the event is not the subscription's to see). */
    public int redeliverEvent(WebhookSubscriptionEntity subscription, UUID eventId) {
        return redeliver(subscription, "e.event_id = CAST(?1 AS uuid)", List.of(eventId.toString()));
    }

    /** Sends again every event that occurred in [from, to), in their original order. */
    public int redeliverRange(WebhookSubscriptionEntity subscription, OffsetDateTime from, OffsetDateTime to) {
        return redeliver(subscription, "e.occurred_at >= ?1 AND e.occurred_at < ?2", List.of(from, to));
    }

    private int redeliver(WebhookSubscriptionEntity subscription, String condition, List<Object> args) {
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
        return query.executeUpdate();
    }

    /** The newest deliveries with their attempts (status, latency, the start of each answer). */
    @SuppressWarnings("unchecked")
    public List<DeliveryView> newest(WebhookSubscriptionEntity subscription) {
        List<Object[]> rows =
                em.createNativeQuery("""
                SELECT d.id, CAST(e.event_id AS text), e.event_type, d.state, d.attempts, d.next_attempt_at, d.delivered_at
                  FROM webhook_deliveries d JOIN events e ON e.id = d.event_ref
                 WHERE d.subscription_ref = ?1 ORDER BY d.id DESC LIMIT 100""").setParameter(1, subscription.id).getResultList();
        Map<Long, List<AttemptView>> attempts =
                attempts(rows.stream().map(r -> ((Number) r[0]).longValue()).toList());
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

    /** The attempts of a whole page of deliveries in one query, not one per delivery. */
    @SuppressWarnings("unchecked")
    private Map<Long, List<AttemptView>> attempts(List<Long> deliveries) {
        Map<Long, List<AttemptView>> attempts = new HashMap<>();
        if (deliveries.isEmpty()) {
            return attempts;
        }
        List<Object[]> logged =
                em.createNativeQuery("""
                SELECT delivery_ref, attempted_at, status_code, latency_ms, response, error FROM webhook_attempts
                 WHERE delivery_ref IN (?1) ORDER BY id""").setParameter(1, deliveries).getResultList();
        for (Object[] a : logged) {
            attempts.computeIfAbsent(((Number) a[0]).longValue(), k -> new ArrayList<>())
                    .add(new AttemptView(
                            datetimes.formatColumn(a[1]),
                            a[2] == null ? null : ((Number) a[2]).intValue(),
                            ((Number) a[3]).intValue(),
                            (String) a[4],
                            (String) a[5]));
        }
        return attempts;
    }
}
