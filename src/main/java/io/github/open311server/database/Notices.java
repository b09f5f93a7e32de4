package io.github.open311server.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * PostgreSQL's {@code LISTEN/NOTIFY} for what every node caches: a change's transaction sends a notice on a channel
 * (delivered when, and only if, it commits), and each node listens on a connection of its own and drops its copy
 * when one arrives. A listening connection that broke connects again, and its handler runs then too: the node may
 * have missed a notice meanwhile.
 */
@ApplicationScoped
public class Notices {

    private static final Logger LOG = Logger.getLogger(Notices.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile boolean running = true;
    private final List<Thread> listeners = new ArrayList<>();

    /** Runs {@code onNotice} on every notice of {@code channel} (a fixed identifier) and after every (re)connection. */
    public synchronized void listen(String channel, Runnable onNotice) {
        Thread listener = new Thread(() -> listenLoop(channel, onNotice), "open311-notices-" + channel);
        listener.setDaemon(true);
        listener.start();
        listeners.add(listener);
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        listeners.forEach(Thread::interrupt);
    }

    private void listenLoop(String channel, Runnable onNotice) {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user.orElse(null), password.orElse(null))) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                onNotice.run(); // whatever changed while this node was not listening
                PGConnection notices = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notices.getNotifications(1000);
                    if (received != null && received.length > 0) {
                        onNotice.run();
                    }
                }
            } catch (SQLException | RuntimeException e) { // a listener that stopped would never drop a copy again
                if (running) {
                    LOG.warnf(
                            "notices on %s interrupted (%s); listening again in %d s",
                            channel, e.getMessage(), RETRY.toSeconds());
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
