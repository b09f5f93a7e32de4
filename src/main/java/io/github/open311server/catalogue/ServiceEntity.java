package io.github.open311server.catalogue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "services")
public class ServiceEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "jurisdiction_ref", nullable = false)
    public Long jurisdictionRef;

    @Column(name = "service_code", nullable = false)
    public String serviceCode;

    @Column(name = "service_name", nullable = false)
    public String serviceName;

    public String description;

    @Column(name = "service_type", nullable = false)
    public String serviceType = "realtime";

    public String keywords;

    @Column(name = "service_group")
    public String serviceGroup;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "default_agency")
    public String defaultAgency;

    @Column(name = "service_notice")
    public String serviceNotice;

    @Column(name = "expected_response")
    @JdbcTypeCode(SqlTypes.INTERVAL_SECOND)
    public Duration expectedResponse;

    /** Whether a survey answer "not fixed" reopens a closed request of this service. */
    @Column(name = "reopen_when_not_fixed", nullable = false)
    public boolean reopenWhenNotFixed = true;

    /** Its requests are never published (blackbox services publish nothing either way). */
    @Column(name = "private", nullable = false)
    public boolean privateRequests;

    /** Its new requests are published only once staff approve them. */
    @Column(nullable = false)
    public boolean premoderated;

    /** It answers questions (its service notice) and files no work item; contacts are counted. */
    @Column(nullable = false)
    public boolean informational;

    /** normal, high or emergency: what a request of this service starts with. */
    @Column(name = "default_priority", nullable = false)
    public String defaultPriority = "normal";

    /** Answers that raise a request's priority ({@link PriorityRule}). */
    @Column(name = "priority_rules", nullable = false)
    @JdbcTypeCode(SqlTypes.JSON)
    public List<PriorityRule> priorityRules = new ArrayList<>();

    /** Where the department is told of this service's requests, instead of the agency's mailbox; null: the agency's. */
    @Column(name = "mail_addresses")
    public String[] mailAddresses;

    /** The service's texts in other languages, by language code ({@link ServiceTranslation}). */
    @Column(nullable = false)
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, ServiceTranslation> translations = new HashMap<>();

    @OneToMany(mappedBy = "service", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("attributeOrder")
    public List<ServiceAttributeEntity> attributes = new ArrayList<>();
}
