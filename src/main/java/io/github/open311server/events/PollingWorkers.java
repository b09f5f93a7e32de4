package io.github.open311server.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

/**
 * Threads that take due work from the database in rounds (webhook deliveries, mail): a round claims
 * what is due and does it; when nothing was due a thread sleeps until woken by a local commit or
 * until the poll interval passes (for work queued by other nodes). A failed round (the database may
 * be away for a while) is logged and tried again after the interval: claimed work is leased, so
 * nothing is lost.
 */
public final class PollingWorkers {

    /** One round: claim what is due and do it; false when nothing was due. */
    @FunctionalInterface
    public interface Round {
        boolean run() throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(PollingWorkers.class);

    private final String name;
    private final Duration pollInterval;
    private final Round round;
    private final Object wake = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public PollingWorkers(String name, Duration pollInterval, Round round) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.round = round;
    }

    public void start(int count) {
        running = true;
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::loop, name + "-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Lets each thread finish the work in hand (waiting at most {@code grace} for each), then stops. */
    public void stop(Duration grace) {
        running = false;
        wakeUp();
        for (Thread thread : threads) {
            try {
                thread.join(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Exponential, doubling from base up to max, with jitter so that retries do not come in waves. */
    public static Duration backoff(int attempts, Duration base, Duration max) {
        long delay = Math.min(max.toMillis(), base.toMillis() << Math.min(30, Math.max(0, attempts - 1)));
        return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }

    private void loop() {
        while (running) {
            try {
                if (!round.run()) {
                    synchronized (wake) {
                        wake.wait(pollInterval.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("%s failed, retrying: %s", name, e.toString());
                try {
                    Thread.sleep(pollInterval.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
