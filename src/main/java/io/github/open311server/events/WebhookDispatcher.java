package io.github.open311server.events;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

import io.github.open311server.config.Open311Config;

/**
 * Sends pending deliveries to their receivers, at least once, in order per request. Workers claim due
 * deliveries with {@code FOR UPDATE SKIP LOCKED} and lease them (next_attempt_at moves past the
 * exchange's timeout), so any number of nodes can dispatch from one database without sending the same
 * delivery twice in normal operation, and a node that dies mid-delivery only delays it until the lease
 * ends. A delivery waits while an earlier event of the same request for the same subscription is
 * pending: a later event is never delivered before an earlier one has been delivered or given up.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 16;
    private static final int LOGGED_RESPONSE_BYTES = 1024;

    private static final String CLAIM = """
            WITH due AS (
                SELECT d.id FROM webhook_deliveries d
                 WHERE d.state = 'pending' AND d.next_attempt_at <= now()
                   AND EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.id = d.subscription_ref AND s.active)
                   AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                                    WHERE e.subscription_ref = d.subscription_ref AND e.request_ref = d.request_ref
                                      AND e.state = 'pending' AND e.request_seq < d.request_seq)
                 ORDER BY d.next_attempt_at, d.id
                 LIMIT ? FOR UPDATE SKIP LOCKED)
            UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ?)
              FROM due WHERE d.id = due.id
            RETURNING d.id""";

    private static final String DETAILS = """
            SELECT d.id, d.attempts, d.created_at, e.event_id, %s, s.id, s.url, s.secret,
                   CASE WHEN s.previous_secret_until > now() THEN s.previous_secret END
              FROM webhook_deliveries d
              JOIN events e ON e.id = d.event_ref
              JOIN webhook_subscriptions s ON s.id = d.subscription_ref
             WHERE d.id = ANY (?) ORDER BY e.id""".formatted(StaffSection.payload("s.staff_view"));

    record Claim(
            long deliveryId,
            int attempts,
            Instant createdAt,
            String eventId,
            String payload,
            long subscriptionId,
            String url,
            String secret,
            String previousSecret) {}

    @Inject
    DataSource dataSource;

    @Inject
    Open311Config config;

    @Inject
    OutboundTargets targets;

    @Inject
    Outbox outbox;

    @Inject
    Vertx vertx;

    private PollingWorkers workers;
    private WebhookSender sender;

    void start(@Observes StartupEvent event) {
        if (!config.webhooks().dispatch()) {
            return;
        }
        sender = new WebhookSender(
                vertx, config.webhooks().connectTimeout(), config.webhooks().timeout(), LOGGED_RESPONSE_BYTES);
        workers = new PollingWorkers("webhook-worker", config.webhooks().pollInterval(), this::round);
        workers.start(config.webhooks().workers());
    }

    /** Finishes the deliveries in hand (each is bounded by the timeout), then stops. */
    void stop(@Observes ShutdownEvent event) {
        if (workers != null) {
            workers.stop(config.webhooks().timeout().plusSeconds(1));
            sender.close();
        }
    }

    void eventsCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventsWritten written) {
        if (workers != null) {
            workers.wakeUp();
        }
    }

    /**
     * Claims a batch and sends it all at once: a batch holds at most one delivery per subscription and
     * request (a later one waits while an earlier is pending), so sending them together keeps the order
     * per request, and a round costs about one exchange instead of one per delivery.
     */
    private boolean round() throws SQLException, InterruptedException {
        List<Claim> claims = claim();
        List<Sending> sending = new ArrayList<>();
        for (Claim claim : claims) {
            Sending started = start(claim);
            if (started != null) {
                sending.add(started);
            }
        }
        List<Sending> delivered = new ArrayList<>();
        for (Sending s : sending) {
            if (finish(s)) {
                delivered.add(s);
            }
        }
        delivered(delivered);
        if (!claims.isEmpty() && claims.size() < BATCH) {
            Thread.sleep(config.webhooks().linger().toMillis()); // let the next batch gather
        }
        return !claims.isEmpty();
    }

    private List<Claim> claim() throws SQLException {
        long lease = config.webhooks().timeout().multipliedBy(2).toSeconds() + 1;
        try (Connection c = dataSource.getConnection()) {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(CLAIM)) {
                s.setInt(1, BATCH);
                s.setLong(2, lease);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            List<Claim> claims = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(DETAILS)) {
                Array array = c.createArrayOf("bigint", ids.toArray());
                s.setArray(1, array);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        claims.add(new Claim(
                                rs.getLong(1),
                                rs.getInt(2),
                                rs.getTimestamp(3).toInstant(),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getLong(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9)));
                    }
                }
            }
            return claims;
        }
    }

    /** A delivery in flight: what was claimed, when it left, and the receiver's answer to come. */
    private record Sending(Claim claim, long startedNanos, CompletableFuture<WebhookSender.Answer> answer) {

        int latencyMs() {
            return (int) Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
        }
    }

    /** Checks the target again and sends the signed event; null when the target is refused (recorded as a failure). */
    private Sending start(Claim claim) throws SQLException {
        OutboundTargets.Target target = targets.check(claim.url());
        if (!target.allowed()) {
            failed(claim, null, 0, null, "target refused: " + target.refusal());
            return null;
        }
        byte[] body = claim.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        String signature = WebhookSignature.sign(claim.secret(), claim.eventId(), timestamp, body);
        if (claim.previousSecret() != null) { // during a rotation both keys sign, so receivers can switch at leisure
            signature += " " + WebhookSignature.sign(claim.previousSecret(), claim.eventId(), timestamp, body);
        }
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/json",
                "User-Agent",
                "open311-server-webhooks/1",
                "webhook-id",
                claim.eventId(),
                "webhook-timestamp",
                Long.toString(timestamp),
                "webhook-signature",
                signature);
        return new Sending(claim, System.nanoTime(), sender.send(target, headers, body));
    }

    /**
     * Waits for one answer (each exchange is bounded by the timeout) and records anything but a success;
     * true for a 2xx, which the caller records with the rest of the batch.
     */
    private boolean finish(Sending s) throws SQLException {
        Claim claim = s.claim();
        try {
            WebhookSender.Answer answer = s.answer().get();
            int status = answer.status();
            if (status >= 200 && status < 300) {
                return true;
            }
            if (status == 410) {
                finished(claim, "given_up", status, s.latencyMs(), answer.head(), null);
                disable(claim.subscriptionId(), "the receiver answered 410 Gone");
            } else {
                failed(claim, status, s.latencyMs(), answer.head(), null);
            }
        } catch (ExecutionException e) {
            failed(claim, null, s.latencyMs(), null, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the lease ends and another worker retries
        }
        return false;
    }

    /**
     * The common case, for a whole batch in one round trip: each attempt logged, each delivery done, the
     * receivers healthy again.
     */
    private void delivered(List<Sending> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        Long[] deliveries = new Long[batch.size()];
        Integer[] statuses = new Integer[batch.size()];
        Integer[] latencies = new Integer[batch.size()];
        String[] answers = new String[batch.size()];
        Long[] subscriptions = new Long[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Sending s = batch.get(i);
            WebhookSender.Answer answer = s.answer().join();
            deliveries[i] = s.claim().deliveryId();
            statuses[i] = answer.status();
            latencies[i] = s.latencyMs();
            answers[i] = answer.head();
            subscriptions[i] = s.claim().subscriptionId();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        WITH done AS (
                            SELECT * FROM unnest(?::bigint[], ?::integer[], ?::integer[], ?::text[], ?::bigint[])
                                       AS t (delivery, status, latency, response, subscription)),
                        logged AS (
                            INSERT INTO webhook_attempts (delivery_ref, status_code, latency_ms, response)
                            SELECT delivery, status, latency, response FROM done),
                        healthy AS (
                            UPDATE webhook_subscriptions s SET failing_since = NULL
                              FROM (SELECT DISTINCT subscription FROM done) h
                             WHERE s.id = h.subscription AND s.failing_since IS NOT NULL)
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

    private void failed(Claim claim, Integer status, int latency, String answer, String error) throws SQLException {
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
