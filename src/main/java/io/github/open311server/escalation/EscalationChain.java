package io.github.open311server.escalation;

import java.util.List;

import io.github.open311server.catalogue.Priority;

/**
 * Who hears of a request of one priority: the agency's on-call mailbox and {@code onCallAddresses} at
 * once; {@code supervisorAddresses} when nobody acknowledged it within {@code acknowledgeWithinMinutes},
 * and again after each further period, {@code maxEscalations} times at most.
 */
public record EscalationChain(
        Priority priority,
        List<String> onCallAddresses,
        int acknowledgeWithinMinutes,
        List<String> supervisorAddresses,
        int maxEscalations) {}
