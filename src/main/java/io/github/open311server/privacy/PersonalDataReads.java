package io.github.open311server.privacy;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.github.open311server.time.Datetimes;

/** The audit of staff reads of personal data: who read which request's submitter, and when. */
@ApplicationScoped
public class PersonalDataReads {

    public record Read(String serviceRequestId, String actor, String readDatetime) {}

    @Inject
    EntityManager em;

    @Inject
    Datetimes datetimes;

    /** Records a read in the caller's transaction (an answer that shows personal data is not given without it). */
    public void record(long jurisdictionRef, long requestRef, String actor) {
        em.createNativeQuery("INSERT INTO personal_data_reads (jurisdiction_ref, request_ref, actor, read_at)"
                        + " VALUES (:j, :r, :a, :at)")
                .setParameter("j", jurisdictionRef)
                .setParameter("r", requestRef)
                .setParameter("a", actor)
                .setParameter("at", datetimes.now())
                .executeUpdate();
    }

    /** The newest reads first, optionally of one request or by one actor. */
    @SuppressWarnings("unchecked")
    public List<Read> list(long jurisdictionRef, String serviceRequestId, String actor, int max) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT r.service_request_id, d.actor, d.read_at FROM personal_data_reads d
                          JOIN service_requests r ON r.id = d.request_ref
                         WHERE d.jurisdiction_ref = :j
                           AND (CAST(:id AS text) IS NULL OR r.service_request_id = :id)
                           AND (CAST(:actor AS text) IS NULL OR d.actor = :actor)
                         ORDER BY d.read_at DESC, d.id DESC LIMIT :max""")
                .setParameter("j", jurisdictionRef)
                .setParameter("id", serviceRequestId)
                .setParameter("actor", actor)
                .setParameter("max", max)
                .getResultList();
        return rows.stream()
                .map(row -> new Read((String) row[0], (String) row[1], datetimes.formatColumn(row[2])))
                .toList();
    }
}
