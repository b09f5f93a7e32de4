package io.github.open311server.notifications;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Records what an unsubscribe link asked for; the mail worker checks it before every citizen mail. */
@ApplicationScoped
public class OptOuts {

    /** What the link was for: the request's id, for the confirmation page. */
    public record Recorded(String serviceRequestId, boolean everyRequest) {}

    @Inject
    EntityManager em;

    /** Call inside a transaction; empty when the request is gone. */
    public Optional<Recorded> record(MailTokens.Subject subject, boolean everyRequest) {
        @SuppressWarnings("unchecked")
        var rows = (java.util.List<Object[]>)
                em.createNativeQuery("SELECT jurisdiction_ref, service_request_id FROM service_requests WHERE id = ?1")
                        .setParameter(1, subject.requestRef())
                        .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] request = rows.get(0);
        em.createNativeQuery("""
                        INSERT INTO mail_opt_outs (jurisdiction_ref, email_hash, request_ref) VALUES (?1, ?2, CAST(?3 AS bigint))
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, request[0])
                .setParameter(2, subject.emailHash())
                .setParameter(3, everyRequest ? null : subject.requestRef())
                .executeUpdate();
        return Optional.of(new Recorded((String) request[1], everyRequest));
    }
}
