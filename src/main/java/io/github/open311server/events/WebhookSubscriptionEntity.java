package io.github.open311server.events;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A receiver of events: where to send which events of one jurisdiction, on behalf of which API client. */
@Entity
@Table(name = "webhook_subscriptions")
public class WebhookSubscriptionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "jurisdiction_ref", nullable = false, updatable = false)
    public Long jurisdictionRef;

    @Column(name = "api_client_ref", nullable = false)
    public Long apiClientRef;

    @Column(nullable = false)
    public String url;

    @Column(name = "event_types", nullable = false)
    public String[] eventTypes;

    /** Null: every service. */
    @Column(name = "service_codes")
    public String[] serviceCodes;

    /** Null: every agency. */
    public String agency;

    public String description;

    @Column(nullable = false)
    public boolean active = true;

    /** Payloads with the staff section (submitter contact data, internal notes) and staff-only events. */
    @Column(name = "staff_view", nullable = false)
    public boolean staffView;

    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public OffsetDateTime previousSecretUntil;

    @Column(name = "failing_since")
    public OffsetDateTime failingSince;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
