package io.github.open311server.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.runtime.StartupEvent;

import io.github.open311server.database.Notices;

/**
 * Tells every node of a catalogue change ({@link Notices}): the change's transaction sends a notice on
 * {@value #CHANNEL}, and each node drops its in-memory catalogue when one arrives, so the next reader loads the new
 * one.
 */
@ApplicationScoped
public class CatalogueNotices {

    static final String CHANNEL = "open311_catalogue";

    @Inject
    Catalogue catalogue;

    @Inject
    EntityManager entityManager;

    @Inject
    Notices notices;

    /** In the changing transaction: the notice goes out with its commit, never without it. */
    void notifyOthers(@Observes CatalogueChanged change) {
        entityManager
                .createNativeQuery("SELECT pg_notify(?1, ?2)")
                .setParameter(1, CHANNEL)
                .setParameter(2, String.valueOf(change.jurisdictionRef()))
                .getSingleResult();
    }

    void start(@Observes StartupEvent startup) {
        notices.listen(CHANNEL, catalogue::invalidate);
    }
}
