package io.github.open311server.events;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.config.Open311Config;

/**
 * Takes due deliveries for one worker: claimed with {@code FOR UPDATE SKIP LOCKED} and leased
 * (next_attempt_at moves past twice the exchange's timeout and a margin), so two workers or nodes never hold the
 * same one, and one whose node dies is due again when the lease ends. A delivery is only due when no
 * earlier event of its request to its subscription is pending, so a batch holds at most one delivery
 * per subscription and request.
 */
@ApplicationScoped
class DeliveryClaims {

    static final int BATCH = 16;

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

    /** A claimed delivery with what sending it needs: the payload (as its subscription may read it), target and keys. */
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

    List<Claim> claim() throws SQLException {
        // sends start within one timeout of the claim and end within another; the rest is margin to record them
        long lease = config.webhooks().timeout().multipliedBy(2).toSeconds() + 5;
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
}
