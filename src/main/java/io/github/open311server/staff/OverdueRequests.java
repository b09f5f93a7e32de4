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
        return ServiceRequestEntity.<ServiceRequestEntity>find(
                        "jurisdictionRef = ?1 and status = 'open' and expectedDatetime is not null and expectedDatetime < ?2 "
                                + "order by expectedDatetime, id",
                        jurisdiction.id(),
                        now)
                .page(0, max)
                .list()
                .stream()
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
