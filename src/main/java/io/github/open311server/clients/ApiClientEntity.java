package io.github.open311server.clients;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An application allowed to post: its key is stored only as a SHA-256 hash. */
@Entity
@Table(name = "api_clients")
public class ApiClientEntity extends PanacheEntityBase {

    public static final String CREATE_REQUESTS = "create_requests";
    public static final String POST_UPDATES = "post_updates";
    /** Reads the event feed and owns webhook subscriptions. */
    public static final String READ_EVENTS = "read_events";
    /**
     * Staff integrations: events with the submitter's contact data and internal notes (a staff view
     * of the feed, subscriptions with {@code staff_view}). Never for a client that citizens' apps use.
     */
    public static final String READ_PERSONAL_DATA = "read_personal_data";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** null: the client may post to every jurisdiction of the server. */
    @Column(name = "jurisdiction_ref")
    public Long jurisdictionRef;

    @Column(nullable = false)
    public String name;

    @Column(name = "key_prefix", nullable = false)
    public String keyPrefix;

    @Column(name = "key_hash", nullable = false, unique = true)
    public String keyHash;

    @Column(nullable = false)
    public String[] scopes = {CREATE_REQUESTS};

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;

    /** Its own POST budget per minute; null: the server's default. */
    @Column(name = "posts_per_minute")
    public Integer postsPerMinute;

    /** Its own budget of GETs per minute, when its GETs carry its key (null: the server's default). */
    @Column(name = "gets_per_minute")
    public Integer getsPerMinute;

    /** The channel its requests are recorded with ({@code requests.Channel}: app, web, ...). */
    @Column(name = "default_channel", nullable = false)
    public String defaultChannel = "app";

    /** How this client is named as the actor of a change (history, events). */
    public String actor() {
        return "api_client:" + name;
    }

    public boolean hasScope(String scope) {
        for (String s : scopes) {
            if (s.equals(scope)) {
                return true;
            }
        }
        return false;
    }
}
