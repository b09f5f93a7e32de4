package io.github.open311server.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * What is waiting to go out, as gauges: webhook deliveries pending and the age of the oldest (the delivery
 * lag), mail pending and the age of the oldest, and follow-up timers past due. Read by one statement at most
 * every {@value #REFRESH_MILLIS} ms, when a scrape asks: however often Prometheus scrapes, and however many
 * nodes it scrapes, the database answers a few cheap index reads. The figures are the city's (every node
 * reports the same queue), so a dashboard takes their maximum, not their sum.
 */
@ApplicationScoped
public class QueueGauges {

    static final long REFRESH_MILLIS = 5_000;

    private static final Logger LOG = Logger.getLogger(QueueGauges.class);

    private static final String SQL = """
            SELECT (SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'),
                   (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint
                      FROM webhook_deliveries WHERE state = 'pending'),
                   (SELECT count(*) FROM mail_jobs WHERE state = 'pending'),
                   (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint
                      FROM mail_jobs WHERE state = 'pending'),
                   (SELECT count(*) FROM request_timers WHERE due_at <= now())""";

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private final AtomicLong[] values = {
        new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()
    };
    private volatile long readAt;

    void register(@Observes StartupEvent start) {
        gauge("open311.webhook.deliveries.pending", "Webhook deliveries not yet made", 0);
        gauge("open311.webhook.delivery.lag.seconds", "Age of the oldest pending webhook delivery", 1);
        gauge("open311.mail.pending", "Mails not yet sent", 2);
        gauge("open311.mail.lag.seconds", "Age of the oldest pending mail", 3);
        gauge("open311.timers.due", "Escalation and reminder timers past due", 4);
    }

    private void gauge(String name, String description, int index) {
        Gauge.builder(name, this, gauges -> gauges.read(index))
                .description(description)
                .register(registry);
    }

    private double read(int index) {
        long now = System.currentTimeMillis();
        if (now - readAt > REFRESH_MILLIS) {
            synchronized (this) {
                if (now - readAt > REFRESH_MILLIS) {
                    refresh();
                    readAt = now;
                }
            }
        }
        return values[index].get();
    }

    private void refresh() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(SQL)) {
            row.next();
            for (int i = 0; i < values.length; i++) {
                values[i].set(row.getLong(i + 1));
            }
        } catch (SQLException e) {
            LOG.warnf("queue gauges not refreshed: %s", e.getMessage()); // the scrape keeps the last figures
        }
    }
}
