package io.github.open311server.clients;

import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;

/**
 * Checks the spec's {@code api_key}. Keys are looked up by their SHA-256 hash, so the comparison never
 * touches the key itself and a leaked table does not leak keys; clients already checked come from this node's
 * copies ({@link ApiKeyCache}). Every failure is the spec's 403.
 */
@ApplicationScoped
public class ApiKeys {

    @Inject
    Datetimes datetimes;

    @Inject
    ClientBudgets budgets;

    @Inject
    ApiKeyCache cache;

    @Inject
    EntityManager em;

    public static String hash(String key) {
        return Sha256.hex(key);
    }

    /** A live key's client and its own budget of GETs per minute (null: the server's default). */
    public record Reader(long clientId, Integer getsPerMinute) {}

    /** The client a GET's key belongs to, when the key is live; reads need no scope. */
    @Transactional
    public Optional<Reader> reader(String key) {
        return Optional.ofNullable(client(key))
                .filter(client -> client.revokedAt == null)
                .map(client -> new Reader(client.id, client.getsPerMinute));
    }

    /** The live client of a key if this node already holds it; never reads the database. */
    public Optional<Reader> knownReader(String key) {
        return Optional.ofNullable(cache.cached(hash(key.trim())))
                .filter(client -> client.revokedAt == null)
                .map(client -> new Reader(client.id, client.getsPerMinute));
    }

    /** The client behind a key, if it may use {@code scope} in {@code jurisdiction}; call inside a transaction. */
    public ApiClientEntity authorize(String key, String scope, Jurisdiction jurisdiction) {
        if (key == null || key.isBlank()) {
            throw Open311Exception.forbidden("api_key is missing: posting requires an API key");
        }
        budgets.checkKeyAttemptsAllowed();
        ApiClientEntity client = client(key);
        if (client == null
                || client.revokedAt != null
                || (client.jurisdictionRef != null && client.jurisdictionRef != jurisdiction.id())
                || !client.hasScope(scope)) {
            budgets.recordFailedKey();
            throw Open311Exception.forbidden(
                    "api_key is not valid for " + scope + " in " + jurisdiction.jurisdictionId());
        }
        OffsetDateTime now = datetimes.now();
        // Recording every use would turn each POST into two writes on one hot row; a minute's precision is enough.
        OffsetDateTime lastUsed = client.lastUsedAt;
        // a read without a transaction (the event feed) records no use, as before this node kept copies
        if ((lastUsed == null || lastUsed.isBefore(now.minusMinutes(1))) && em.isJoinedToTransaction()) {
            client.lastUsedAt = now; // the shared copy, so the other threads of this node skip the write too
            em.createNativeQuery("UPDATE api_clients SET last_used_at = ?1 WHERE id = ?2")
                    .setParameter(1, now)
                    .setParameter(2, client.id)
                    .executeUpdate();
        }
        return client;
    }

    /** The client of a key from this node's copies, else read and kept unmanaged (see {@link ApiKeyCache}). */
    private ApiClientEntity client(String key) {
        return cache.client(hash(key.trim()), keyHash -> {
            ApiClientEntity found =
                    ApiClientEntity.<ApiClientEntity>find("keyHash", keyHash).firstResult();
            if (found != null) {
                em.detach(found);
            }
            return found;
        });
    }
}
