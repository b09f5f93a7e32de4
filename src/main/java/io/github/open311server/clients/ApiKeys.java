package io.github.open311server.clients;

import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;

/**
 * Checks the spec's {@code api_key}. Keys are looked up by their SHA-256 hash, so the comparison never
 * touches the key itself and a leaked table does not leak keys. Every failure is the spec's 403.
 */
@ApplicationScoped
public class ApiKeys {

    @Inject
    Datetimes datetimes;

    @Inject
    ClientBudgets budgets;

    public static String hash(String key) {
        return Sha256.hex(key);
    }

    /** A live key's client and its own budget of GETs per minute (null: the server's default). */
    public record Reader(long clientId, Integer getsPerMinute) {}

    /** The client a GET's key belongs to, when the key is live; reads need no scope. */
    @Transactional
    public Optional<Reader> reader(String key) {
        return ApiClientEntity.<ApiClientEntity>find("keyHash = ?1 and revokedAt is null", hash(key.trim()))
                .firstResultOptional()
                .map(client -> new Reader(client.id, client.getsPerMinute));
    }

    /** The client behind a key, if it may use {@code scope} in {@code jurisdiction}; call inside a transaction. */
    public ApiClientEntity authorize(String key, String scope, Jurisdiction jurisdiction) {
        if (key == null || key.isBlank()) {
            throw Open311Exception.forbidden("api_key is missing: posting requires an API key");
        }
        budgets.checkKeyAttemptsAllowed();
        ApiClientEntity client = ApiClientEntity.<ApiClientEntity>find("keyHash", hash(key.trim()))
                .firstResult();
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
        if (client.lastUsedAt == null || client.lastUsedAt.isBefore(now.minusMinutes(1))) {
            client.lastUsedAt = now;
        }
        return client;
    }
}
