package io.github.open311server.staff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.escalation.RequestTimers;
import io.github.open311server.escalation.TimerKind;
import io.github.open311server.media.MediaLinks;
import io.github.open311server.privacy.PersonalDataReads;
import io.github.open311server.requests.HistoryEntryEntity;
import io.github.open311server.requests.RequestAttributeEntity;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.requests.SubmitterEntity;
import io.github.open311server.requests.WorkOrder;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.time.Datetimes;

/** Builds the staff view of a request from its entities. */
@ApplicationScoped
public class StaffViews {

    @Inject
    Catalogue catalogue;

    @Inject
    Datetimes datetimes;

    @Inject
    RequestTimers timers;

    @Inject
    PersonalDataReads reads;

    @Inject
    StaffIdentity identity;

    private StaffRequestView.Original original(ServiceRequestEntity r, String origin) {
        List<?> rows = ServiceRequestEntity.getEntityManager()
                .createNativeQuery("SELECT description, address, media_urls, moderated_at, actor"
                        + " FROM request_originals WHERE request_ref = :r")
                .setParameter("r", r.id)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        return new StaffRequestView.Original(
                (String) row[0],
                (String) row[1],
                Arrays.stream((String[]) row[2])
                        .map(u -> staffLink(u, r, origin))
                        .toList(),
                datetimes.formatColumn(row[3]),
                (String) row[4]);
    }

    /**
     * Uploads are linked through the staff media path, which serves them whatever the public sees (a withdrawn
     * photo, a hidden request's, a private service's); other links stay as given.
     */
    private String staffLink(String url, ServiceRequestEntity r, String origin) {
        if (!url.startsWith(MediaLinks.PATH)) {
            return url;
        }
        String jurisdiction =
                catalogue.jurisdiction(r.jurisdictionRef).orElseThrow().jurisdictionId();
        return MediaLinks.absolute(
                "/staff/v1/jurisdictions/" + jurisdiction + "/media/" + url.substring(MediaLinks.PATH.length()),
                origin);
    }

    /** {@code origin}: scheme, host and port that uploaded media links are made absolute with. */
    public StaffRequestView of(ServiceRequestEntity r, String origin) {
        CatalogueService service = catalogue.serviceById(r.serviceRef);
        SubmitterEntity s = SubmitterEntity.findById(r.id);
        if (s != null) {
            reads.record(r.jurisdictionRef, r.id, identity.actor()); // the audit of who saw a citizen's data
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        RequestAttributeEntity.<RequestAttributeEntity>list(
                        "key.requestRef = ?1 order by key.attributeCode, key.position", r.id)
                .forEach(a -> attributes
                        .computeIfAbsent(a.key.attributeCode(), k -> new ArrayList<>())
                        .add(a.value));
        List<StaffRequestView.Entry> history =
                HistoryEntryEntity.<HistoryEntryEntity>list("requestRef = ?1 order by changedAt, id", r.id).stream()
                        .map(h -> new StaffRequestView.Entry(
                                h.id,
                                datetimes.format(h.changedAt),
                                h.actor,
                                h.action,
                                h.changes,
                                h.note,
                                h.visibleToPublic))
                        .toList();
        String duplicateOf = r.duplicateOfRef == null
                ? null
                : ServiceRequestEntity.<ServiceRequestEntity>findById(r.duplicateOfRef).serviceRequestId;
        return new StaffRequestView(
                r.serviceRequestId,
                r.token.toString(),
                r.version,
                r.status,
                r.detailedStatus,
                r.statusNotes,
                service == null ? null : service.code(),
                service == null ? null : service.name(),
                r.agencyResponsible,
                r.serviceNotice,
                datetimes.format(r.requestedDatetime),
                datetimes.format(r.updatedDatetime),
                datetimes.format(r.expectedDatetime),
                r.description,
                r.address,
                r.addressId,
                r.zipcode,
                r.location == null ? null : r.location.getY(),
                r.location == null ? null : r.location.getX(),
                Arrays.stream(r.mediaUrls).map(u -> staffLink(u, r, origin)).toList(),
                duplicateOf,
                WorkOrder.of(r),
                r.assignee,
                r.priority,
                r.channel,
                new StaffRequestView.Escalation(
                        datetimes.format(r.acknowledgedAt),
                        r.escalationLevel,
                        timers.dueAt(r.id, TimerKind.ESCALATION)
                                .map(datetimes::formatColumn)
                                .orElse(null)),
                new StaffRequestView.Moderation(r.hidden, original(r, origin)),
                s == null
                        ? null
                        : new StaffRequestView.Submitter(
                                s.email, s.phone, s.firstName, s.lastName, s.deviceId, s.accountId),
                attributes,
                history);
    }
}
