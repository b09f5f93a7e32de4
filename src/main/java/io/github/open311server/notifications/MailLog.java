package io.github.open311server.notifications;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.github.open311server.time.Datetimes;

/** What became of a request's mail, for staff: each job's audience, kind, state, attempts and recipients. */
@ApplicationScoped
public class MailLog {

    public record Entry(
            long id,
            String audience,
            String kind,
            String state,
            int attempts,
            String queuedAt,
            String sentAt,
            List<String> recipients,
            String lastError) {}

    @Inject
    EntityManager em;

    @Inject
    Datetimes datetimes;

    @SuppressWarnings("unchecked")
    public List<Entry> of(long requestRef) {
        List<Object[]> rows =
                em.createNativeQuery("""
                        SELECT id, audience, kind, state, attempts, created_at, sent_at, recipients, last_error
                          FROM mail_jobs WHERE request_ref = ?1 ORDER BY id""").setParameter(1, requestRef).getResultList();
        return rows.stream()
                .map(r -> new Entry(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        ((Number) r[4]).intValue(),
                        datetimes.formatColumn(r[5]),
                        datetimes.formatColumn(r[6]),
                        r[7] == null ? null : Arrays.asList((String[]) r[7]),
                        (String) r[8]))
                .toList();
    }
}
