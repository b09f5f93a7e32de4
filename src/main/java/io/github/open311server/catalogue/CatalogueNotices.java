package io.github.open311server.catalogue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.runtime.StartupEvent;

/**
 * Tells every node of a catalogue change, through PostgreSQL's {@code LISTEN/NOTIFY}: the change's transaction
 * sends a notification on {@value #CHANNEL} (delivered when, and only if, it commits), and each node listens on a
 * connection of its own and drops its in-memory catalogue when one arrives, so the next reader loads the new one.
 * A node whose listening connection broke reconnects and drops its catalogue too (it may have missed a notice).
 */
@ApplicationScoped
public class CatalogueNotices {

    static final String CHANNEL = "open311_catalogue";

    private static final Logger LOG = Logger.getLogger(CatalogueNotices.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    @Inject
    Catalogue catalogue;

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile boolean running;
    private Thread listener;

    /** In the changing transaction: the notice goes out with its commit, never without it. */
    void notifyOthers(@Observes CatalogueChanged change) {
        entityManager
                .createNativeQuery("SELECT pg_notify(?1, ?2)")
                .setParameter(1, CHANNEL)
                .setParameter(2, String.valueOf(change.jurisdictionRef()))
                .getSingleResult();
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        listener = new Thread(this::listen, "open311-catalogue-notices");
        listener.setDaemon(true);
        listener.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user.orElse(null), password.orElse(null))) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                catalogue.invalidate(); // whatever changed while this node was not listening
                PGConnection notices = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notices.getNotifications(1000);
                    if (received != null && received.length > 0) {
                        catalogue.invalidate();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf(
                            "catalogue notices interrupted (%s); listening again in %d s",
                            e.getMessage(), RETRY.toSeconds());
                    sleep();
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
