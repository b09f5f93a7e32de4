package io.github.open311server.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

import io.github.open311server.config.Open311Config;

/**
 * Connections for reads that may be slightly stale. With {@code open311.replica.jdbc-url} set they come from the
 * streaming replica while its replay lag, measured every {@code check-interval}, is within {@code max-lag};
 * otherwise (no replica, replica unreachable, too far behind) from the primary, so a stale read is never staler
 * than the bound and never fails because of the replica.
 */
@ApplicationScoped
public class StaleReads {

    private static final Logger LOG = Logger.getLogger(StaleReads.class);

    /** Seconds the replay is behind what the replica received; 0 when it has replayed all of it. */
    static final String LAG = "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
            + " ELSE coalesce(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END";

    @Inject
    DataSource primary;

    @Inject
    Open311Config config;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.datasource.username")
    String primaryUser;

    @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "")
    String primaryPassword;

    private AgroalDataSource replica;
    private ScheduledExecutorService checks;
    private volatile boolean healthy;
    private volatile double lagSeconds = Double.NaN;

    void start(@Observes StartupEvent event) {
        // on every node, so that one dashboard fits all: NaN where no replica is configured or none answers
        Gauge.builder("open311_replica_lag_seconds", this, s -> s.lagSeconds)
                .description("Replay lag of the read replica in seconds (NaN: none configured or none answers)")
                .register(registry);
        Open311Config.Replica settings = config.replica();
        if (settings.jdbcUrl().filter(u -> !u.isBlank()).isEmpty()) {
            return;
        }
        try {
            replica = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.minSize(0)
                            .maxSize(settings.maxPoolSize())
                            .acquisitionTimeout(Duration.ofSeconds(2))
                            .connectionFactoryConfiguration(factory -> factory.jdbcUrl(
                                            settings.jdbcUrl().get())
                                    .principal(new NamePrincipal(
                                            settings.username().orElse(primaryUser)))
                                    .credential(new SimplePassword(
                                            settings.password().orElse(primaryPassword)))
                                    .loginTimeout(Duration.ofSeconds(2)))));
        } catch (SQLException e) {
            throw new IllegalStateException("open311.replica.jdbc-url cannot be used: " + e.getMessage(), e);
        }
        checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "open311-replica-lag");
            thread.setDaemon(true);
            return thread;
        });
        measure();
        long every = settings.checkInterval().toMillis();
        checks.scheduleWithFixedDelay(this::measure, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (checks != null) {
            checks.shutdownNow();
        }
        if (replica != null) {
            replica.close();
        }
    }

    private void measure() {
        try (Connection connection = replica.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(LAG)) {
            rs.next();
            lagSeconds = rs.getDouble(1);
            if (!healthy) {
                LOG.info("The read replica answers: stale reads go to it while its lag is within the bound");
            }
            healthy = true;
        } catch (SQLException | RuntimeException e) {
            if (healthy) {
                LOG.warnf("The read replica does not answer (%s): stale reads go to the primary", e.getMessage());
            }
            healthy = false;
            lagSeconds = Double.NaN;
        }
    }

    /** Whether a replica that answered with this lag may serve a read allowed to be {@code maxLag} stale. */
    static boolean usable(boolean healthy, double lagSeconds, Duration maxLag) {
        return healthy && !Double.isNaN(lagSeconds) && lagSeconds * 1000 <= maxLag.toMillis();
    }

    /** Whether stale reads go to the replica now. */
    public boolean onReplica() {
        return replica != null && usable(healthy, lagSeconds, config.replica().maxLag());
    }

    /** A connection for a read that may be stale within the bound: the replica's when it may, else the primary's. */
    public Connection connection() throws SQLException {
        if (onReplica()) {
            try {
                return replica.getConnection();
            } catch (SQLException e) {
                healthy = false; // until the next measurement says otherwise
            }
        }
        return primary.getConnection();
    }
}
