package io.github.open311server.requests;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The submitter's personal data, kept in its own table and never part of a public answer. */
@Entity
@Table(name = "request_submitters")
public class SubmitterEntity extends PanacheEntityBase {

    @Id
    @Column(name = "request_ref")
    public Long requestRef;

    public String email;
    public String phone;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "account_id")
    public String accountId;

    /** The language the citizen filed in (their mail is written in it when the city writes in it). */
    public String locale;

    public boolean isEmpty() {
        return email == null
                && phone == null
                && firstName == null
                && lastName == null
                && deviceId == null
                && accountId == null;
    }
}
