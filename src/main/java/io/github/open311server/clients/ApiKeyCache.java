package io.github.open311server.clients;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.quarkus.runtime.StartupEvent;

import io.github.open311server.database.Notices;

/**
 * The API clients whose keys this node has checked, by key hash, so a POST or a keyed GET does not read its client
 * again (a round trip and an entity per request). Any change of a client but its last use tells every node through
 * NOTIFY (a trigger of migration V26, for the admin API and for changes by hand alike), and this node drops every
 * copy; the admin API's own changes drop them here right after their commit, before it answers. Unknown keys are
 * never cached: a key created a moment ago works at once.
 */
@ApplicationScoped
public class ApiKeyCache {

    static final String CHANNEL = "open311_api_clients";
    private static final int MAX_CLIENTS = 10_000;

    @Inject
    Notices notices;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private final Map<String, ApiClientEntity> clients = new ConcurrentHashMap<>();
    /** Moves on every drop: a client read before a drop is not cached after it. */
    private final AtomicLong generation = new AtomicLong();

    void start(@Observes StartupEvent startup) {
        notices.listen(CHANNEL, this::invalidate);
    }

    public void invalidate() {
        generation.incrementAndGet();
        clients.clear();
    }

    /** In a transaction that changes a client: this node forgets its copies once the change has committed. */
    public void invalidateAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    invalidate();
                }
            }
        });
    }

    /**
     * The client of a key hash; {@code load} reads it (null when there is none) and must return an entity no
     * session manages, as the copy is shared by every thread and only read.
     */
    ApiClientEntity client(String keyHash, Function<String, ApiClientEntity> load) {
        ApiClientEntity cached = clients.get(keyHash);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        ApiClientEntity loaded = load.apply(keyHash);
        if (loaded != null && clients.size() < MAX_CLIENTS) {
            clients.put(keyHash, loaded);
            if (generation.get() != before) {
                clients.remove(keyHash, loaded); // dropped while it was read: it may predate the change
            }
        }
        return loaded;
    }

    /** The client of a key hash if this node holds it; never reads the database. */
    ApiClientEntity cached(String keyHash) {
        return clients.get(keyHash);
    }
}
