package io.github.open311server.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.clients.Sha256;
import io.github.open311server.time.Datetimes;

/**
 * Erases submitters' personal data, in one place for both ways it happens: a jurisdiction's retention period
 * passing, and a citizen asking (the right to erasure). What goes: the submitter row (e-mail, phone, names,
 * device and account ids, locale) and the addresses of the mail sent to them; citizen mail still pending is
 * not sent. Event deliveries read the submitter when they are sent, so later ones carry nothing. The request
 * itself, its public text and history stay. Each erasure leaves a receipt row. Runs in the caller's
 * transaction.
 */
@ApplicationScoped
public class PersonalDataErasure {

    /** What an erasure did: its receipt. {@code subjectSha256}: the erased address's digest, for a request. */
    public record Receipt(
            long id,
            String reason,
            String subjectSha256,
            List<String> serviceRequestIds,
            String actor,
            String erasedAt) {}

    @Inject
    DataSource dataSource;

    @Inject
    Datetimes datetimes;

    /** The right to erasure: every request of the jurisdiction whose submitter gave this e-mail address. */
    public Receipt eraseByEmail(long jurisdictionRef, String email, String actor) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT r.id FROM request_submitters p JOIN service_requests r ON r.id = p.request_ref
                         WHERE r.jurisdiction_ref = ? AND lower(p.email) = ? AND p.email IS NOT NULL
                         ORDER BY r.id FOR UPDATE OF p""")) {
            s.setLong(1, jurisdictionRef);
            s.setString(2, address);
            List<Long> requests = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    requests.add(rs.getLong(1));
                }
            }
            return erase(c, jurisdictionRef, requests, "request", Sha256.hex(address), actor);
        } catch (SQLException e) {
            throw new IllegalStateException("erasing a citizen's personal data failed", e);
        }
    }

    /**
     * One batch of retention: up to {@code max} closed requests whose jurisdiction's period has passed since
     * they were closed and that still hold personal data. Returns how many requests were erased.
     */
    public int eraseExpired(OffsetDateTime now, int max) {
        try (Connection c = dataSource.getConnection()) {
            List<long[]> expired = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT r.id, r.jurisdiction_ref FROM request_submitters p
                      JOIN service_requests r ON r.id = p.request_ref
                      JOIN jurisdictions j ON j.id = r.jurisdiction_ref
                     WHERE j.retention_days IS NOT NULL AND r.status = 'closed'
                       AND r.closed_at < ?::timestamptz - j.retention_days * interval '1 day'
                     ORDER BY r.jurisdiction_ref, r.id LIMIT ? FOR UPDATE OF p SKIP LOCKED""")) {
                s.setObject(1, now);
                s.setInt(2, max);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        expired.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            int i = 0;
            while (i < expired.size()) {
                long jurisdiction = expired.get(i)[1];
                List<Long> requests = new ArrayList<>();
                while (i < expired.size() && expired.get(i)[1] == jurisdiction) {
                    requests.add(expired.get(i++)[0]);
                }
                erase(c, jurisdiction, requests, "retention", null, "server:retention");
            }
            return expired.size();
        } catch (SQLException e) {
            throw new IllegalStateException("erasing expired personal data failed", e);
        }
    }

    private Receipt erase(
            Connection c, long jurisdictionRef, List<Long> requests, String reason, String subject, String actor)
            throws SQLException {
        Long[] ids = requests.toArray(Long[]::new);
        try (PreparedStatement s = c.prepareStatement("DELETE FROM request_submitters WHERE request_ref = ANY (?)")) {
            s.setArray(1, c.createArrayOf("bigint", ids));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE mail_jobs SET recipients = NULL,
                       state = CASE WHEN state = 'pending' THEN 'no_recipient' ELSE state END
                 WHERE request_ref = ANY (?) AND audience = 'citizen'""")) {
            s.setArray(1, c.createArrayOf("bigint", ids));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO personal_data_erasures (jurisdiction_ref, reason, subject_sha256, request_ids, actor, erased_at)
                SELECT ?, ?, ?, coalesce(array_agg(r.service_request_id ORDER BY r.id), '{}'), ?, ?
                  FROM service_requests r WHERE r.id = ANY (?)
                RETURNING id, request_ids, erased_at""")) {
            s.setLong(1, jurisdictionRef);
            s.setString(2, reason);
            s.setString(3, subject);
            s.setString(4, actor);
            s.setObject(5, datetimes.now());
            s.setArray(6, c.createArrayOf("bigint", ids));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Receipt(
                        rs.getLong(1),
                        reason,
                        subject,
                        List.of((String[]) rs.getArray(2).getArray()),
                        actor,
                        datetimes.format(rs.getObject(3, OffsetDateTime.class)));
            }
        }
    }

    /** The jurisdiction's receipts, newest first. */
    public List<Receipt> receipts(long jurisdictionRef, int max) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT id, reason, subject_sha256, request_ids, actor, erased_at FROM personal_data_erasures
                         WHERE jurisdiction_ref = ? ORDER BY erased_at DESC, id DESC LIMIT ?""")) {
            s.setLong(1, jurisdictionRef);
            s.setInt(2, max);
            List<Receipt> receipts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    receipts.add(new Receipt(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            List.of((String[]) rs.getArray(4).getArray()),
                            rs.getString(5),
                            datetimes.format(rs.getObject(6, OffsetDateTime.class))));
                }
            }
            return receipts;
        } catch (SQLException e) {
            throw new IllegalStateException("reading erasure receipts failed", e);
        }
    }
}
