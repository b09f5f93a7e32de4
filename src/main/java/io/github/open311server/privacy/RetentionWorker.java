package io.github.open311server.privacy;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import io.github.open311server.config.Open311Config;
import io.github.open311server.events.PollingWorkers;
import io.github.open311server.time.Datetimes;

/**
 * Erases personal data whose retention period has passed, a batch per transaction. A round first takes a
 * transaction-scoped advisory lock, so however many nodes run this, one erases at a time; a crash rolls its
 * batch back and the next round takes it again.
 */
@ApplicationScoped
public class RetentionWorker {

    /** The advisory lock of a retention round (any number, fixed for this purpose). */
    private static final long LOCK = 311_013_001L;

    private static final int BATCH = 500;

    @Inject
    PersonalDataErasure erasure;

    @Inject
    Datetimes datetimes;

    @Inject
    Open311Config config;

    @Inject
    EntityManager em;

    private PollingWorkers workers;

    void start(@Observes StartupEvent event) {
        if (!config.retention().run()) {
            return;
        }
        workers = new PollingWorkers("retention", config.retention().pollInterval(), this::round);
        workers.start(1);
    }

    void stop(@Observes ShutdownEvent event) {
        if (workers != null) {
            workers.stop(Duration.ofSeconds(10));
        }
    }

    /** One batch; true when there may be more (a full batch). */
    private boolean round() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object locked = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(:lock)")
                    .setParameter("lock", LOCK)
                    .getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return false; // another node is erasing
            }
            return erasure.eraseExpired(datetimes.now(), BATCH) == BATCH;
        });
    }
}
