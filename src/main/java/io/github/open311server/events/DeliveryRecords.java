package io.github.open311server.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.github.open311server.config.Open311Config;
import io.github.open311server.events.DeliveryClaims.Claim;

/**
 * What became of each delivery, written after its exchange: the attempt in the delivery log, the
 * delivery done, retried later with back-off, or given up; a receiver that fails too long or answers
 * 410 is switched off and the city told. Off the request path, each on a pooled connection of its own.
 */
@ApplicationScoped
class DeliveryRecords {

    private static final Logger LOG = Logger.getLogger(DeliveryRecords.class);

    /** A 2xx: recorded with the rest of its batch in one statement. */
    record Success(long deliveryId, long subscriptionId, int status, int latencyMs, String answer) {}

    @Inject
    DataSource dataSource;

    @Inject
    Open311Config config;

    @Inject
    Outbox outbox;

    /**
     * The common case, for a whole batch in one round trip: each attempt logged, each delivery done, the
     * receivers healthy again. Should the batch's statement fail, each is recorded on its own, so one bad
     * row cannot send a whole batch again.
     */
    void delivered(List<Success> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try {
            record(batch);
        } catch (SQLException e) {
            if (batch.size() == 1) {
                throw e;
            }
            LOG.warnf("Recording a batch of %d deliveries failed (%s); recording them one by one", batch.size(), e);
            for (Success success : batch) {
                record(List.of(success));
            }
        }
    }

    private void record(List<Success> batch) throws SQLException {
        Long[] deliveries = new Long[batch.size()];
        Integer[] statuses = new Integer[batch.size()];
        Integer[] latencies = new Integer[batch.size()];
        String[] answers = new String[batch.size()];
        Long[] subscriptions = new Long[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Success s = batch.get(i);
            deliveries[i] = s.deliveryId();
            statuses[i] = s.status();
            latencies[i] = s.latencyMs();
            answers[i] = s.answer();
            subscriptions[i] = s.subscriptionId();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        WITH done AS (
                            SELECT * FROM unnest(?::bigint[], ?::integer[], ?::integer[], ?::text[], ?::bigint[])
                                       AS t (delivery, status, latency, response, subscription)),
                        logged AS (
                            INSERT INTO webhook_attempts (delivery_ref, status_code, latency_ms, response)
                            SELECT delivery, status, latency, response FROM done),
                        recovering AS ( -- locked in id order, so two batches never wait on each other
                            SELECT id FROM webhook_subscriptions
                             WHERE id IN (SELECT subscription FROM done) AND failing_since IS NOT NULL
                             ORDER BY id FOR UPDATE),
                        healthy AS (
                            UPDATE webhook_subscriptions s SET failing_since = NULL
                              FROM recovering r WHERE s.id = r.id)
                        UPDATE webhook_deliveries d SET state = 'delivered', delivered_at = now()
                          FROM done WHERE d.id = done.delivery""")) {
            s.setArray(1, c.createArrayOf("bigint", deliveries));
            s.setArray(2, c.createArrayOf("integer", statuses));
            s.setArray(3, c.createArrayOf("integer", latencies));
            s.setArray(4, c.createArrayOf("text", answers));
            s.setArray(5, c.createArrayOf("bigint", subscriptions));
            s.executeUpdate();
        }
    }

    void failed(Claim claim, Integer status, int latency, String answer, String error) throws SQLException {
        boolean tooOld = claim.createdAt().plus(config.webhooks().maxAge()).isBefore(Instant.now());
        if (tooOld) {
            finished(claim, "given_up", status, latency, answer, error);
        } else {
            log(claim, status, latency, answer, error);
            update(
                    "UPDATE webhook_deliveries SET next_attempt_at = now() + make_interval(secs => ?) WHERE id = ?",
                    backoff(claim.attempts()).toMillis() / 1000.0,
                    claim.deliveryId());
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        UPDATE webhook_subscriptions SET failing_since = coalesce(failing_since, now())
                         WHERE id = ? RETURNING failing_since < now() - make_interval(secs => ?)""")) {
            s.setLong(1, claim.subscriptionId());
            s.setDouble(2, config.webhooks().disableAfter().toMillis() / 1000.0);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    disable(
                            claim.subscriptionId(),
                            "the receiver failed for longer than "
                                    + config.webhooks().disableAfter());
                }
            }
        }
    }

    Duration backoff(int attempts) {
        return PollingWorkers.backoff(
                attempts, config.webhooks().retryBase(), config.webhooks().retryMax());
    }

    /** A 410 Gone: the receiver asks never to be called again. */
    void gone(Claim claim, int status, int latency, String answer) throws SQLException {
        finished(claim, "given_up", status, latency, answer, null);
        disable(claim.subscriptionId(), "the receiver answered 410 Gone");
    }

    private void finished(Claim claim, String state, Integer status, int latency, String answer, String error)
            throws SQLException {
        log(claim, status, latency, answer, error);
        update(
                "UPDATE webhook_deliveries SET state = ?, delivered_at = CASE WHEN ? THEN now() END WHERE id = ?",
                state,
                state.equals("delivered"),
                claim.deliveryId());
    }

    private void log(Claim claim, Integer status, int latency, String answer, String error) throws SQLException {
        update(
                "INSERT INTO webhook_attempts (delivery_ref, status_code, latency_ms, response, error) VALUES (?, ?, ?, ?, ?)",
                claim.deliveryId(),
                status,
                latency,
                answer,
                error);
    }

    /** Switches a subscription off and tells the city (an event its other subscriptions and the feed carry). */
    private void disable(long subscriptionId, String reason) throws SQLException {
        Long jurisdiction = null;
        String url = null;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        UPDATE webhook_subscriptions SET active = false, disabled_reason = ?
                         WHERE id = ? AND active RETURNING jurisdiction_ref, url""")) {
            s.setString(1, reason);
            s.setLong(2, subscriptionId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    jurisdiction = rs.getLong(1);
                    url = rs.getString(2);
                }
            }
        }
        if (jurisdiction != null) {
            long ref = jurisdiction;
            Map<String, Object> details = Map.of("subscription_id", subscriptionId, "url", url, "reason", reason);
            QuarkusTransaction.requiringNew().run(() -> outbox.system(ref, EventTypes.SUBSCRIPTION_DISABLED, details));
            LOG.warnf("Webhook subscription %d switched off: %s", subscriptionId, reason);
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }
}
