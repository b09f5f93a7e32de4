package io.github.open311server.notifications;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import io.github.open311server.config.Open311Config;
import io.github.open311server.events.EventsWritten;
import io.github.open311server.events.PollingWorkers;

/**
 * Sends queued mail after its change committed. Workers claim due jobs with {@code FOR UPDATE SKIP
 * LOCKED} and a lease, so any number of nodes can send from one database and none sends a job another
 * is sending; a node that dies mid-send only delays its jobs until the lease ends (the one case where a
 * mail can go out twice: the relay took it but the node died before recording it). A relay that
 * refuses or is away is retried with doubling back-off; after max-attempts the job is marked failed,
 * which staff see with the request.
 */
@ApplicationScoped
public class MailWorker {

    private static final Logger LOG = Logger.getLogger(MailWorker.class);
    private static final int BATCH = 8;
    private static final long LEASE_SECONDS = 120;

    private static final String CLAIM = """
            WITH due AS (
                SELECT id FROM mail_jobs WHERE state = 'pending' AND next_attempt_at <= now()
                 ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
            UPDATE mail_jobs j SET attempts = j.attempts + 1, next_attempt_at = now() + make_interval(secs => ?)
              FROM due WHERE j.id = due.id
            RETURNING j.id, j.event_ref, j.request_ref, j.kind, j.attempts""";

    @Inject
    DataSource dataSource;

    @Inject
    Open311Config config;

    @Inject
    MailComposer composer;

    @Inject
    Mailer mailer;

    private record Claimed(MailComposer.Job job, int attempts) {}

    private PollingWorkers workers;

    void start(@Observes StartupEvent event) {
        if (!config.mail().enabled() || !config.mail().send()) {
            return;
        }
        workers = new PollingWorkers("mail-worker", config.mail().pollInterval(), this::round);
        workers.start(config.mail().workers());
    }

    void stop(@Observes ShutdownEvent event) {
        if (workers != null) {
            workers.stop(Duration.ofSeconds(10));
        }
    }

    void eventsCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventsWritten written) {
        if (workers != null) {
            workers.wakeUp();
        }
    }

    private boolean round() throws SQLException {
        List<Claimed> claimed = claim();
        for (Claimed c : claimed) {
            send(c);
        }
        return !claimed.isEmpty();
    }

    private List<Claimed> claim() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setInt(1, BATCH);
            s.setLong(2, LEASE_SECONDS);
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long requestRef = rs.getLong(3);
                    MailKind kind = MailKind.of(rs.getString(4)).orElse(null);
                    if (kind == null) {
                        finish(rs.getLong(1), "failed", null, "unknown kind " + rs.getString(4));
                        continue;
                    }
                    claimed.add(new Claimed(
                            new MailComposer.Job(rs.getLong(1), rs.getLong(2), rs.wasNull() ? null : requestRef, kind),
                            rs.getInt(5)));
                }
            }
            return claimed;
        }
    }

    private void send(Claimed claimed) throws SQLException {
        MailComposer.Job job = claimed.job();
        MailComposer.Composed composed;
        try {
            composed = QuarkusTransaction.requiringNew().call(() -> composer.compose(job));
        } catch (RuntimeException e) {
            // a template that cannot render, or data that went away: retrying will not help
            LOG.errorf(e, "Mail %d could not be written", job.id());
            finish(job.id(), "failed", null, "not written: " + e.getMessage());
            return;
        }
        if (composed.skipped() != null) {
            finish(job.id(), composed.skipped(), null, null);
            return;
        }
        Mail mail = Mail.withText(
                        composed.to().get(0),
                        composed.content().subject(),
                        composed.content().text())
                .setTo(composed.to())
                .setHtml(composed.content().html());
        composed.headers().forEach(mail::addHeader);
        mail.addHeader("X-Open311-Mail-Id", String.valueOf(job.id())); // support can find the job of any mail
        try {
            mailer.send(mail);
            finish(job.id(), "sent", composed.to(), null);
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (claimed.attempts() >= config.mail().maxAttempts()) {
                finish(job.id(), "failed", composed.to(), error);
            } else {
                retryLater(job.id(), claimed.attempts(), error);
            }
        }
    }

    private void finish(long id, String state, List<String> to, String error) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        UPDATE mail_jobs SET state = ?, recipients = ?, last_error = ?,
                               sent_at = CASE WHEN ? THEN now() END WHERE id = ?""")) {
            s.setString(1, state);
            Array recipients = to == null ? null : c.createArrayOf("text", to.toArray());
            s.setArray(2, recipients);
            s.setString(3, error == null ? null : truncate(error));
            s.setBoolean(4, state.equals("sent"));
            s.setLong(5, id);
            s.executeUpdate();
        }
    }

    private void retryLater(long id, int attempts, String error) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        UPDATE mail_jobs SET last_error = ?, next_attempt_at = now() + make_interval(secs => ?)
                         WHERE id = ?""")) {
            s.setString(1, truncate(error));
            s.setDouble(
                    2,
                    PollingWorkers.backoff(
                                            attempts,
                                            config.mail().retryBase(),
                                            config.mail().retryMax())
                                    .toMillis()
                            / 1000.0);
            s.setLong(3, id);
            s.executeUpdate();
        }
    }

    private static String truncate(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
