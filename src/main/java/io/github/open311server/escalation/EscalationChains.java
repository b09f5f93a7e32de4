package io.github.open311server.escalation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.github.open311server.catalogue.Priority;
import io.github.open311server.web.MailAddresses;

/** A jurisdiction's escalation chains, one per priority at most (a priority without one escalates nothing). */
@ApplicationScoped
public class EscalationChains {

    private static final String COLUMNS =
            "priority, on_call_addresses, acknowledge_within_minutes, supervisor_addresses, max_escalations";

    @Inject
    EntityManager em;

    public Optional<EscalationChain> find(long jurisdictionRef, Priority priority) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT " + COLUMNS + " FROM escalation_chains WHERE jurisdiction_ref = ?1 AND priority = ?2")
                .setParameter(1, jurisdictionRef)
                .setParameter(2, priority.wireName())
                .getResultList();
        return rows.stream().findFirst().map(EscalationChains::chain);
    }

    public List<EscalationChain> all(long jurisdictionRef) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS
                        + " FROM escalation_chains WHERE jurisdiction_ref = ?1"
                        + " ORDER BY array_position(ARRAY['emergency', 'high', 'normal'], priority)")
                .setParameter(1, jurisdictionRef)
                .getResultList();
        return rows.stream().map(EscalationChains::chain).toList();
    }

    /** Creates or replaces the chain of its priority; the caller has checked it. */
    public void put(long jurisdictionRef, EscalationChain chain) {
        em.createNativeQuery("""
                        INSERT INTO escalation_chains (jurisdiction_ref, priority, on_call_addresses,
                                                       acknowledge_within_minutes, supervisor_addresses, max_escalations)
                        VALUES (?1, ?2, CAST(?3 AS text[]), ?4, CAST(?5 AS text[]), ?6)
                        ON CONFLICT (jurisdiction_ref, priority) DO UPDATE
                           SET on_call_addresses = EXCLUDED.on_call_addresses,
                               acknowledge_within_minutes = EXCLUDED.acknowledge_within_minutes,
                               supervisor_addresses = EXCLUDED.supervisor_addresses,
                               max_escalations = EXCLUDED.max_escalations""")
                .setParameter(1, jurisdictionRef)
                .setParameter(2, chain.priority().wireName())
                .setParameter(3, MailAddresses.arrayLiteral(chain.onCallAddresses()))
                .setParameter(4, chain.acknowledgeWithinMinutes())
                .setParameter(5, MailAddresses.arrayLiteral(chain.supervisorAddresses()))
                .setParameter(6, chain.maxEscalations())
                .executeUpdate();
    }

    /** Requests already on the chain finish it; new ones of this priority escalate nothing. */
    public boolean delete(long jurisdictionRef, Priority priority) {
        return em.createNativeQuery("DELETE FROM escalation_chains WHERE jurisdiction_ref = ?1 AND priority = ?2")
                        .setParameter(1, jurisdictionRef)
                        .setParameter(2, priority.wireName())
                        .executeUpdate()
                > 0;
    }

    private static EscalationChain chain(Object[] row) {
        return new EscalationChain(
                Priority.fromWire((String) row[0]).orElseThrow(),
                addresses(row[1]),
                ((Number) row[2]).intValue(),
                addresses(row[3]),
                ((Number) row[4]).intValue());
    }

    private static List<String> addresses(Object array) {
        return array == null ? List.of() : Arrays.asList((String[]) array);
    }
}
