package io.github.open311server.catalogue;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "jurisdictions")
public class JurisdictionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "jurisdiction_id", nullable = false, unique = true)
    public String jurisdictionId;

    @Column(nullable = false)
    public String name;

    /** Whether work orders and assignees appear in the public extended_attributes. */
    @Column(name = "publish_work_orders", nullable = false)
    public boolean publishWorkOrders;

    /** Departments are reminded of a request still received after this many hours; null: never. */
    @Column(name = "remind_received_after_hours")
    public Integer remindReceivedAfterHours;

    /** Departments are reminded of an open request past its expected datetime. */
    @Column(name = "remind_when_overdue", nullable = false)
    public boolean remindWhenOverdue;

    /** The language of its catalogue's own texts (translations add others). */
    @Column(name = "default_locale", nullable = false)
    public String defaultLocale = "en";

    /** Days after close that a submitter's personal data is kept; null: kept. */
    @Column(name = "retention_days")
    public Integer retentionDays;

    /** Whether retention erases the requests' uploaded photos too. */
    @Column(name = "retention_erases_photos", nullable = false)
    public boolean retentionErasesPhotos;

    @Column(name = "catalogue_changed_at", nullable = false, insertable = false)
    public OffsetDateTime catalogueChangedAt;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
