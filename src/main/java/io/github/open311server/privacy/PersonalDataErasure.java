package io.github.open311server.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.clients.Sha256;
import io.github.open311server.events.EventRedaction;
import io.github.open311server.media.MediaLinks;
import io.github.open311server.media.MediaStorage;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.time.Datetimes;

/**
 * Erases submitters' personal data, in one place for both ways it happens: a jurisdiction's retention period
 * passing, and a citizen asking (the right to erasure). What goes: the submitter row (e-mail, phone, names,
 * device and account ids, locale), the addresses of the mail sent to them, the originals a moderation kept, and
 * the uploaded photos (always on a request, on retention when the jurisdiction says so); citizen mail still
 * pending is not sent. Event deliveries read the submitter when they are sent, so later ones carry nothing. The request
 * itself, its public text and history stay. Each erasure leaves a receipt row. Runs in the caller's
 * transaction.
 */
@ApplicationScoped
public class PersonalDataErasure {

    @Inject
    MediaStorage mediaStorage;

    /** What an erasure did: its receipt. {@code subjectSha256}: the erased address's digest, for a request. */
    public record Receipt(
            long id,
            String reason,
            String subjectSha256,
            List<String> serviceRequestIds,
            int photos,
            String actor,
            String erasedAt) {}

    @Inject
    DataSource dataSource;

    @Inject
    Datetimes datetimes;

    @Inject
    EventRedaction events;

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
            return erase(c, jurisdictionRef, requests, "request", Sha256.hex(address), actor, true);
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
            // only requests that still hold something to erase: the batches shrink to nothing once caught up
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT r.id, r.jurisdiction_ref, CASE WHEN j.retention_erases_photos THEN 1 ELSE 0 END
                      FROM service_requests r JOIN jurisdictions j ON j.id = r.jurisdiction_ref
                     WHERE j.retention_days IS NOT NULL AND r.status = 'closed'
                       AND r.closed_at < ?::timestamptz - j.retention_days * interval '1 day'
                       AND r.id IN (SELECT request_ref FROM request_submitters
                                    UNION SELECT request_ref FROM request_originals
                                    UNION SELECT m.request_ref FROM request_media m
                                            JOIN service_requests mr ON mr.id = m.request_ref
                                            JOIN jurisdictions mj ON mj.id = mr.jurisdiction_ref
                                           WHERE mj.retention_erases_photos)
                     ORDER BY r.jurisdiction_ref, r.id LIMIT ? FOR UPDATE OF r SKIP LOCKED""")) {
                s.setObject(1, now);
                s.setInt(2, max);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        expired.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            int i = 0;
            while (i < expired.size()) {
                long[] first = expired.get(i);
                List<Long> requests = new ArrayList<>();
                while (i < expired.size() && expired.get(i)[1] == first[1]) {
                    requests.add(expired.get(i++)[0]);
                }
                erase(c, first[1], requests, "retention", null, "server:retention", first[2] == 1);
            }
            return expired.size();
        } catch (SQLException e) {
            throw new IllegalStateException("erasing expired personal data failed", e);
        }
    }

    private Receipt erase(
            Connection c,
            long jurisdictionRef,
            List<Long> requests,
            String reason,
            String subject,
            String actor,
            boolean photos)
            throws SQLException {
        Long[] ids = requests.toArray(Long[]::new);
        // what the citizen wrote before a moderation redacted it is theirs too
        try (PreparedStatement s = c.prepareStatement("DELETE FROM request_originals WHERE request_ref = ANY (?)")) {
            s.setArray(1, c.createArrayOf("bigint", ids));
            s.executeUpdate();
        }
        int photosErased = photos ? erasePhotos(c, ids) : 0;
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
                INSERT INTO personal_data_erasures
                       (jurisdiction_ref, reason, subject_sha256, request_ids, photos, actor, erased_at)
                SELECT ?, ?, ?, coalesce(array_agg(r.service_request_id ORDER BY r.id), '{}'), ?, ?, ?
                  FROM service_requests r WHERE r.id = ANY (?)
                RETURNING id, request_ids, erased_at""")) {
            s.setLong(1, jurisdictionRef);
            s.setString(2, reason);
            s.setString(3, subject);
            s.setInt(4, photosErased);
            s.setString(5, actor);
            s.setObject(6, datetimes.now());
            s.setArray(7, c.createArrayOf("bigint", ids));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Receipt(
                        rs.getLong(1),
                        reason,
                        subject,
                        List.of((String[]) rs.getArray(2).getArray()),
                        photosErased,
                        actor,
                        datetimes.format(rs.getObject(3, OffsetDateTime.class)));
            }
        }
    }

    /**
     * The uploaded photos of these requests: deleted, their links taken out of the requests' media and of the
     * events stored for them. Returns how many went.
     */
    private int erasePhotos(Connection c, Long[] ids) throws SQLException {
        List<Long> touched = new ArrayList<>();
        List<UUID> photos = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM request_media WHERE request_ref = ANY (?) RETURNING request_ref, id")) {
            s.setArray(1, c.createArrayOf("bigint", ids));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    touched.add(rs.getLong(1));
                    photos.add(rs.getObject(2, UUID.class));
                }
            }
        }
        // before this transaction commits: a receipt must never say erased while the bytes are still kept
        mediaStorage.deleteObjects(photos);
        if (touched.isEmpty()) {
            return 0;
        }
        List<Long> requests = touched.stream().distinct().toList();
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE service_requests SET media_urls = ARRAY(SELECT u FROM unnest(media_urls) u WHERE u NOT LIKE ?)
                 WHERE id = ANY (?)""")) {
            s.setString(1, MediaLinks.PATH + "%");
            s.setArray(2, c.createArrayOf("bigint", requests.toArray()));
            s.executeUpdate();
        }
        for (long id : requests) {
            ServiceRequestEntity request = ServiceRequestEntity.findById(id);
            ServiceRequestEntity.getEntityManager().refresh(request);
            events.redact(request, List.of("media_urls"));
        }
        return touched.size();
    }

    /** The jurisdiction's receipts, newest first. */
    public List<Receipt> receipts(long jurisdictionRef, int max) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT id, reason, subject_sha256, request_ids, photos, actor, erased_at
                          FROM personal_data_erasures
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
                            rs.getInt(5),
                            rs.getString(6),
                            datetimes.format(rs.getObject(7, OffsetDateTime.class))));
                }
            }
            return receipts;
        } catch (SQLException e) {
            throw new IllegalStateException("reading erasure receipts failed", e);
        }
    }
}
