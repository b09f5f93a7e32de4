package io.github.open311server.surveys;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.notifications.MailTokens;
import io.github.open311server.requests.lifecycle.RequestLifecycle;
import io.github.open311server.web.Texts;

/**
 * The survey a citizen gets when a request closes ("how satisfied are you, is it fixed?"): answers are
 * kept per request, for staff only, and "not fixed" reopens the request where its service allows it.
 */
@ApplicationScoped
public class SurveyAnswers {

    public static final int MAX_COMMENT = 2000;

    /** An answer as given: satisfaction 1-5 and fixed may each be absent, not both. */
    public record Answer(Integer satisfaction, Boolean fixed, String comment) {}

    /** What happened: the request's id, and whether the answer reopened it. */
    public record Recorded(String serviceRequestId, boolean reopened) {}

    /** An answer as staff read it. */
    public record StaffView(Integer satisfaction, Boolean fixed, String comment, String answeredAt) {}

    @Inject
    EntityManager em;

    @Inject
    Catalogue catalogue;

    @Inject
    RequestLifecycle lifecycle;

    /** Call inside a transaction; empty when the request is gone. */
    @SuppressWarnings("unchecked")
    public Optional<Recorded> record(MailTokens.Subject subject, Answer answer) {
        List<Object[]> rows =
                em.createNativeQuery("""
                        SELECT r.jurisdiction_ref, r.service_ref, r.service_request_id FROM service_requests r
                         WHERE r.id = ?1""").setParameter(1, subject.requestRef()).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] request = rows.get(0);
        long serviceRef = ((Number) request[1]).longValue();
        String comment = Texts.clean(answer.comment());
        em.createNativeQuery("""
                        INSERT INTO survey_answers (request_ref, jurisdiction_ref, service_ref, satisfaction, fixed, comment)
                        VALUES (?1, ?2, ?3, CAST(?4 AS smallint), CAST(?5 AS boolean), ?6)
                        ON CONFLICT (request_ref) DO UPDATE
                           SET satisfaction = EXCLUDED.satisfaction, fixed = EXCLUDED.fixed,
                               comment = EXCLUDED.comment, answered_at = now()""")
                .setParameter(1, subject.requestRef())
                .setParameter(2, request[0])
                .setParameter(3, serviceRef)
                .setParameter(4, answer.satisfaction())
                .setParameter(5, answer.fixed())
                .setParameter(6, comment)
                .executeUpdate();
        boolean reopened = false;
        if (Boolean.FALSE.equals(answer.fixed())) {
            CatalogueService service = catalogue.serviceById(serviceRef);
            reopened = lifecycle.reopenNotFixed(
                    subject.requestRef(), service != null && service.reopenWhenNotFixed(), comment);
        }
        return Optional.of(new Recorded((String) request[2], reopened));
    }
}
