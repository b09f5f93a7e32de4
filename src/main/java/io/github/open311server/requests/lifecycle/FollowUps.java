package io.github.open311server.requests.lifecycle;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.Priority;
import io.github.open311server.escalation.EscalationChain;
import io.github.open311server.escalation.EscalationChains;
import io.github.open311server.escalation.RequestTimers;
import io.github.open311server.escalation.TimerKind;
import io.github.open311server.requests.ServiceRequestEntity;

/**
 * The timers a change sets, moves or clears, in the change's own transaction: the escalation chain of
 * a new request's priority, the jurisdiction's reminders, and the acknowledgement that stops the chain
 * (the first change by staff or a city system). Reminder settings count from the moment a request is
 * filed (or its expected datetime moves): changing them does not reach back to requests already filed.
 */
@ApplicationScoped
class FollowUps {

    @Inject
    EscalationChains chains;

    @Inject
    RequestTimers timers;

    @Inject
    Catalogue catalogue;

    /** Starts the chain of the request's priority; true when there is one (its on-call staff are told now). */
    boolean startChain(ServiceRequestEntity request) {
        Priority priority = Priority.fromWire(request.priority).orElse(Priority.NORMAL);
        if (!catalogue.escalates(request.jurisdictionRef, priority)) {
            return false; // most requests: no query on the filing path
        }
        Optional<EscalationChain> chain = chains.find(request.jurisdictionRef, priority);
        chain.ifPresent(c -> timers.set(
                request.id,
                TimerKind.ESCALATION,
                request.requestedDatetime.plusMinutes(c.acknowledgeWithinMinutes()),
                1));
        return chain.isPresent();
    }

    void remindersOfNew(ServiceRequestEntity request) {
        Jurisdiction jurisdiction =
                catalogue.jurisdiction(request.jurisdictionRef).orElse(null);
        if (jurisdiction == null) {
            return;
        }
        Map<TimerKind, OffsetDateTime> reminders = new EnumMap<>(TimerKind.class);
        if (jurisdiction.remindReceivedAfterHours() != null) {
            reminders.put(
                    TimerKind.STILL_RECEIVED,
                    request.requestedDatetime.plusHours(jurisdiction.remindReceivedAfterHours()));
        }
        if (jurisdiction.remindWhenOverdue() && request.expectedDatetime != null) {
            reminders.put(TimerKind.OVERDUE, request.expectedDatetime);
        }
        timers.setAll(request.id, reminders, 1);
    }

    /** After a change was applied to the (locked) request. */
    void changed(ServiceRequestEntity request, Transition transition, OffsetDateTime now) {
        if (transition.byTheCity() && request.acknowledgedAt == null) {
            request.acknowledgedAt = now;
            timers.clear(request.id, TimerKind.ESCALATION);
        }
        if ("closed".equals(request.status)) {
            timers.clearAll(request.id);
            return;
        }
        if (transition.changes().containsKey("expected_datetime")) {
            boolean remind = catalogue
                    .jurisdiction(request.jurisdictionRef)
                    .map(Jurisdiction::remindWhenOverdue)
                    .orElse(false);
            if (remind && request.expectedDatetime != null) {
                timers.set(request.id, TimerKind.OVERDUE, request.expectedDatetime, 1);
            } else {
                timers.clear(request.id, TimerKind.OVERDUE);
            }
        }
    }
}
