package io.github.open311server.surveys;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.github.open311server.time.Datetimes;

/** Survey answers for staff: one request's, and per service in aggregate (the analytics read these too). */
@ApplicationScoped
public class SurveyResults {

    /** Per service: how many answered, mean satisfaction, and the share that said it is fixed. */
    public record ServiceSummary(
            String serviceCode, long answers, BigDecimal meanSatisfaction, BigDecimal fixedShare) {}

    @Inject
    EntityManager em;

    @Inject
    Datetimes datetimes;

    @SuppressWarnings("unchecked")
    public Optional<SurveyAnswers.StaffView> of(long requestRef) {
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT satisfaction, fixed, comment, answered_at FROM survey_answers WHERE request_ref = ?1")
                .setParameter(1, requestRef)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new SurveyAnswers.StaffView(
                        r[0] == null ? null : ((Number) r[0]).intValue(),
                        (Boolean) r[1],
                        (String) r[2],
                        datetimes.formatColumn(r[3])));
    }

    @SuppressWarnings("unchecked")
    public List<ServiceSummary> byService(long jurisdictionRef) {
        List<Object[]> rows =
                em.createNativeQuery("""
                        SELECT s.service_code, count(*),
                               round(avg(a.satisfaction), 2),
                               round(count(*) FILTER (WHERE a.fixed)::numeric
                                     / nullif(count(*) FILTER (WHERE a.fixed IS NOT NULL), 0), 3)
                          FROM survey_answers a JOIN services s ON s.id = a.service_ref
                         WHERE a.jurisdiction_ref = ?1
                         GROUP BY s.service_code ORDER BY s.service_code""").setParameter(1, jurisdictionRef).getResultList();
        return rows.stream()
                .map(r -> new ServiceSummary(
                        (String) r[0], ((Number) r[1]).longValue(), (BigDecimal) r[2], (BigDecimal) r[3]))
                .toList();
    }
}
