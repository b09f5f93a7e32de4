package io.github.open311server.events;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

import io.github.open311server.config.Open311Config;
import io.github.open311server.events.DeliveryClaims.Claim;

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

    private static final int LOGGED_RESPONSE_BYTES = 1024;

    @Inject
    Open311Config config;

    @Inject
    OutboundTargets targets;

    @Inject
    DeliveryClaims claims;

    @Inject
    DeliveryRecords records;

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
        long claimedAt = System.nanoTime();
        List<Claim> claimed = claims.claim();
        List<Sending> sending = new ArrayList<>();
        for (Claim claim : claimed) {
            // every send starts within one timeout of the claim and lasts at most another, so the batch is
            // recorded before its lease (twice the timeout and more) ends; what is not started is not sent,
            // and is due again when the lease ends
            if (Duration.ofNanos(System.nanoTime() - claimedAt)
                            .compareTo(config.webhooks().timeout())
                    > 0) {
                break;
            }
            try {
                Sending started = start(claim);
                if (started != null) {
                    sending.add(started);
                }
            } catch (SQLException e) { // recording a refused target failed: it is due again after its lease
                LOG.warnf("Delivery %d could not be recorded: %s", claim.deliveryId(), e);
            }
        }
        List<DeliveryRecords.Success> delivered = new ArrayList<>();
        for (Sending s : sending) {
            try {
                finish(s).ifPresent(delivered::add);
            } catch (SQLException e) { // the others of the batch are still recorded
                LOG.warnf("Delivery %d could not be recorded: %s", s.claim().deliveryId(), e);
            }
        }
        records.delivered(delivered);
        if (!claimed.isEmpty() && claimed.size() < DeliveryClaims.BATCH) {
            Thread.sleep(config.webhooks().linger().toMillis()); // let the next batch gather
        }
        return !claimed.isEmpty();
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
            records.failed(claim, null, 0, null, "target refused: " + target.refusal());
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

    /** Waits for one answer (each exchange is bounded by the timeout) and records anything but a success. */
    private Optional<DeliveryRecords.Success> finish(Sending s) throws SQLException {
        Claim claim = s.claim();
        try {
            WebhookSender.Answer answer = s.answer().get();
            int status = answer.status();
            if (status >= 200 && status < 300) {
                return Optional.of(new DeliveryRecords.Success(
                        claim.deliveryId(), claim.subscriptionId(), status, s.latencyMs(), answer.head()));
            }
            if (status == 410) {
                records.gone(claim, status, s.latencyMs(), answer.head());
            } else {
                records.failed(claim, status, s.latencyMs(), answer.head(), null);
            }
        } catch (ExecutionException e) {
            records.failed(claim, null, s.latencyMs(), null, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the lease ends and another worker retries
        }
        return Optional.empty();
    }
}
