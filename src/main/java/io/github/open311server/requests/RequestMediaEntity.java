package io.github.open311server.requests;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A photo uploaded with a request (multipart {@code media}), served back at /open311/media/{id}. */
@Entity
@Table(name = "request_media")
public class RequestMediaEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "request_ref", nullable = false)
    public Long requestRef;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "file_name")
    public String fileName;

    /** The photo itself when it is kept here; null when it is in the object store (see stored_in). */
    @Column
    public byte[] bytes;

    /** Where the bytes are: {@code database} (this row) or {@code s3} (the object store, named by the id). */
    @Column(name = "stored_in", nullable = false)
    public String storedIn;

    /** Taken out of the request's public media by moderation: served to staff only. */
    @Column(nullable = false)
    public boolean withdrawn;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
