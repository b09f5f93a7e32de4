package io.github.open311server.followup;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import io.github.open311server.catalogue.Priority;
import io.github.open311server.config.Open311Config;
import io.github.open311server.escalation.EscalationChain;
import io.github.open311server.escalation.EscalationChains;
import io.github.open311server.escalation.RequestTimers;
import io.github.open311server.escalation.TimerKind;
import io.github.open311server.events.PollingWorkers;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.requests.lifecycle.RequestJournal;
import io.github.open311server.time.Datetimes;

/**
 * Fires request timers that came due on the server's clock: escalates a request nobody acknowledged
 * and reminds departments of requests left untouched or overdue. Each timer fires in one transaction
 * with its effect (history, event, mail), under its request's row lock, so it fires once however many
 * nodes run this, and a crash before commit leaves it due for the next round.
 */
@ApplicationScoped
public class FollowUpWorker {

    private static final Logger LOG = Logger.getLogger(FollowUpWorker.class);
    private static final int BATCH = 16;

    @Inject
    RequestTimers timers;

    @Inject
    EscalationChains chains;

    @Inject
    RequestJournal journal;

    @Inject
    Datetimes datetimes;

    @Inject
    Open311Config config;

    @Inject
    EntityManager em;

    private PollingWorkers workers;

    void start(@Observes StartupEvent event) {
        if (!config.followUps().run()) {
            return;
        }
        workers = new PollingWorkers("follow-up", config.followUps().pollInterval(), this::round);
        workers.start(config.followUps().workers());
    }

    void stop(@Observes ShutdownEvent event) {
        if (workers != null) {
            workers.stop(Duration.ofSeconds(10));
        }
    }

    /** Fires what is due; true when there may be more (a full batch). */
    private boolean round() {
        OffsetDateTime now = datetimes.now();
        List<RequestTimers.Due> due = QuarkusTransaction.requiringNew().call(() -> timers.due(now, BATCH));
        for (RequestTimers.Due timer : due) {
            try {
                QuarkusTransaction.requiringNew().run(() -> fire(timer, now));
            } catch (RuntimeException e) {
                // one timer that cannot fire must not hold up the others: it is tried again later
                LOG.errorf(e, "Timer %s of request %d failed; retrying in 5 minutes", timer.kind(), timer.requestRef());
                QuarkusTransaction.requiringNew()
                        .run(() -> timers.postpone(
                                timer.requestRef(), timer.kind(), timer.step(), now, now.plusMinutes(5)));
            }
        }
        return due.size() == BATCH;
    }

    private void fire(RequestTimers.Due timer, OffsetDateTime now) {
        ServiceRequestEntity request =
                em.find(ServiceRequestEntity.class, timer.requestRef(), LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            return;
        }
        Optional<Integer> step = timers.lockIfDue(request.id, timer.kind(), now);
        if (step.isEmpty()) {
            return; // another node fired it, or a change moved it, while this one waited for the lock
        }
        boolean open = "open".equals(request.status);
        switch (timer.kind()) {
            case ESCALATION -> escalate(request, step.get(), now);
            case STILL_RECEIVED -> {
                timers.clear(request.id, TimerKind.STILL_RECEIVED);
                if (open && "received".equals(request.detailedStatus)) {
                    journal.reminded(request, "still_received", "Reminded the department: still received.");
                }
            }
            case OVERDUE -> {
                timers.clear(request.id, TimerKind.OVERDUE);
                if (open && request.expectedDatetime != null && !request.expectedDatetime.isAfter(now)) {
                    journal.reminded(request, "overdue", "Reminded the department: past its expected datetime.");
                }
            }
        }
    }

    private void escalate(ServiceRequestEntity request, int step, OffsetDateTime now) {
        Optional<EscalationChain> chain = chains.find(
                request.jurisdictionRef, Priority.fromWire(request.priority).orElse(Priority.NORMAL));
        if (request.acknowledgedAt != null || !"open".equals(request.status) || chain.isEmpty()) {
            timers.clear(request.id, TimerKind.ESCALATION); // acknowledged, closed, or its chain was removed
            return;
        }
        EscalationChain c = chain.get();
        journal.escalated(
                request,
                step,
                "Nobody acknowledged it within " + c.acknowledgeWithinMinutes() * step + " minutes: told "
                        + String.join(", ", c.supervisorAddresses()) + ".");
        if (step < c.maxEscalations()) {
            timers.set(request.id, TimerKind.ESCALATION, now.plusMinutes(c.acknowledgeWithinMinutes()), step + 1);
        } else {
            timers.clear(request.id, TimerKind.ESCALATION);
        }
    }
}
