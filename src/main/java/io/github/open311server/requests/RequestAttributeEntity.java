package io.github.open311server.requests;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One answer to a service-definition attribute; a multivaluelist answer is one row per value. */
@Entity
@Table(name = "request_attributes")
public class RequestAttributeEntity extends PanacheEntityBase {

    @Embeddable
    public record Key(
            @Column(name = "request_ref") Long requestRef,
            @Column(name = "attribute_code") String attributeCode,
            @Column(name = "position") Integer position)
            implements Serializable {}

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public String value;

    public static RequestAttributeEntity of(long requestRef, String code, int position, String value) {
        RequestAttributeEntity entity = new RequestAttributeEntity();
        entity.key = new Key(requestRef, code, position);
        entity.value = value;
        return entity;
    }
}
