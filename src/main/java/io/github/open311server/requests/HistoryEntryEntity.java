package io.github.open311server.requests;

import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Who changed what on a request, and when. */
@Entity
@Table(name = "request_history")
public class HistoryEntryEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "request_ref", nullable = false)
    public Long requestRef;

    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> changes = Map.of();

    public String note;

    /** Shown to citizens (status changes, public notes) or kept internal. */
    @Column(name = "public", nullable = false)
    public boolean visibleToPublic = true;
}
