package io.github.open311server.staff;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.time.Datetimes;

/** Open requests past their expected datetime (the service level), most overdue first, with where they stand. */
@ApplicationScoped
public class OverdueRequests {

    public record OverdueRequest(
            String serviceRequestId,
            String serviceCode,
            String detailedStatus,
            String agencyResponsible,
            String expectedDatetime,
            String priority,
            int escalationLevel,
            boolean acknowledged) {}

    @Inject
    Catalogue catalogue;

    @Inject
    Datetimes datetimes;

    public List<OverdueRequest> list(Jurisdiction jurisdiction, int max) {
        OffsetDateTime now = datetimes.now();
        // the form of service_requests_expected_idx, so the soonest due are read first and nothing is sorted
        @SuppressWarnings("unchecked")
        List<ServiceRequestEntity> overdue = ServiceRequestEntity.getEntityManager()
                .createNativeQuery(
                        "SELECT * FROM service_requests r WHERE r.jurisdiction_ref = ?1 AND r.status = 'open'"
                                + " AND coalesce(r.expected_datetime, 'infinity') < ?2"
                                + " ORDER BY coalesce(r.expected_datetime, 'infinity'), r.id LIMIT ?3",
                        ServiceRequestEntity.class)
                .setParameter(1, jurisdiction.id())
                .setParameter(2, now)
                .setParameter(3, max)
                .getResultList();
        return overdue.stream()
                .map(r -> new OverdueRequest(
                        r.serviceRequestId,
                        catalogue.serviceById(r.serviceRef).code(),
                        r.detailedStatus,
                        r.agencyResponsible,
                        datetimes.format(r.expectedDatetime),
                        r.priority,
                        r.escalationLevel,
                        r.acknowledgedAt != null))
                .toList();
    }
}
