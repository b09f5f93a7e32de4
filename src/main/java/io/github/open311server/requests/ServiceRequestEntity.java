package io.github.open311server.requests;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Generated;
import org.locationtech.jts.geom.Point;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A service request as stored. Public reads do not load it: requests.search projects rows straight into views. */
@Entity
@Table(name = "service_requests")
public class ServiceRequestEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Both made by the column defaults and read back by the INSERT itself (RETURNING): no extra round trip. */
    @Generated
    @Column(name = "service_request_id", insertable = false, updatable = false)
    public String serviceRequestId;

    @Generated
    @Column(insertable = false, updatable = false)
    public UUID token;

    @Column(name = "jurisdiction_ref", nullable = false, updatable = false)
    public Long jurisdictionRef;

    @Column(name = "service_ref", nullable = false, updatable = false)
    public Long serviceRef;

    @Column(nullable = false)
    public String status = "open";

    @Column(name = "detailed_status", nullable = false)
    public String detailedStatus = "received";

    @Column(name = "status_notes")
    public String statusNotes;

    @Column(name = "agency_responsible")
    public String agencyResponsible;

    @Column(name = "service_notice")
    public String serviceNotice;

    @Column(name = "requested_datetime", nullable = false, updatable = false)
    public OffsetDateTime requestedDatetime;

    @Column(name = "updated_datetime", nullable = false)
    public OffsetDateTime updatedDatetime;

    @Column(name = "expected_datetime")
    public OffsetDateTime expectedDatetime;

    public String address;

    @Column(name = "address_id")
    public String addressId;

    public String zipcode;

    @Column(columnDefinition = "geometry(Point,4326)")
    public Point location;

    public String description;

    @Column(name = "media_urls", nullable = false)
    public String[] mediaUrls = new String[0];

    @Column(name = "api_client_ref")
    public Long apiClientRef;

    @Column(name = "duplicate_of_ref")
    public Long duplicateOfRef;

    /**
     * Optimistic lock: staff send the version they saw; a stale one is refused. Managed by the
     * lifecycle (not JPA's {@code @Version}) so that note-only changes move it too.
     */
    @Column(nullable = false)
    public int version;

    /** The external work order (system name, its id, a link), attached by staff or an integration. */
    @Column(name = "work_order_system")
    public String workOrderSystem;

    @Column(name = "work_order_id")
    public String workOrderId;

    @Column(name = "work_order_url")
    public String workOrderUrl;

    /** The crew or person the work is assigned to. */
    public String assignee;

    /** normal, high or emergency ({@code catalogue.Priority}): from the service and the answers, or set by staff. */
    @Column(nullable = false)
    public String priority = "normal";

    /** The first change by staff or a city system; it stops the escalation chain. */
    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;

    /** How many times the supervisors were told that nobody acknowledged it. */
    @Column(name = "escalation_level", nullable = false)
    public int escalationLevel;

    /** When it was last closed; null while open. Kept by {@code RequestJournal} for the statistics. */
    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    /** How often it went from closed back to open (the reopen rate of the statistics). */
    @Column(name = "reopen_count", nullable = false)
    public int reopenCount;

    /** How it reached the city ({@link Channel}); null for requests filed before channels were recorded. */
    public String channel;

    /** Left out of every public answer (moderation, or a pre-moderated service's request not yet approved). */
    @Column(nullable = false)
    public boolean hidden;
}
