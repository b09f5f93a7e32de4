package io.github.open311server.notifications;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.Priority;
import io.github.open311server.escalation.EscalationChain;
import io.github.open311server.escalation.EscalationChains;

/**
 * Who receives a mail for the city's side, looked up when it is sent (so an address changed in
 * between counts): the department (the service's own addresses where it has them, else the
 * responsible agency's), the on-call staff (the agency's and the chain's) and the supervisors (the
 * chain of the request's priority). {@code data} is the event's data: the request as it was then.
 */
@ApplicationScoped
class MailRecipients {

    @Inject
    EntityManager em;

    @Inject
    Catalogue catalogue;

    @Inject
    EscalationChains chains;

    List<String> of(String audience, long jurisdictionRef, JsonNode data) {
        String agency = data.path("request").path("agency_responsible").asText(null);
        Priority priority = Priority.fromWire(data.path("priority").asText()).orElse(Priority.NORMAL);
        List<String> to = new ArrayList<>();
        switch (audience) {
            case MailKind.DEPARTMENT -> {
                to.addAll(serviceAddresses(
                        jurisdictionRef,
                        data.path("request").path("service_code").asText(null)));
                if (to.isEmpty()) {
                    to.addAll(agencyAddresses(jurisdictionRef, agency, "mail_addresses"));
                }
            }
            case MailKind.ON_CALL -> {
                to.addAll(agencyAddresses(jurisdictionRef, agency, "on_call_addresses"));
                chains.find(jurisdictionRef, priority).ifPresent(c -> to.addAll(c.onCallAddresses()));
            }
            case MailKind.SUPERVISOR ->
                chains.find(jurisdictionRef, priority)
                        .map(EscalationChain::supervisorAddresses)
                        .ifPresent(to::addAll);
            default -> throw new IllegalArgumentException("no city recipients for audience " + audience);
        }
        return to.stream().distinct().toList();
    }

    private List<String> serviceAddresses(long jurisdictionRef, String code) {
        if (code == null) {
            return List.of();
        }
        return catalogue
                .jurisdiction(jurisdictionRef)
                .flatMap(j -> catalogue.service(j, code))
                .map(CatalogueService::mailAddresses)
                .orElse(List.of());
    }

    /** {@code column} is one of two fixed names, never user input. */
    @SuppressWarnings("unchecked")
    private List<String> agencyAddresses(long jurisdictionRef, String agency, String column) {
        if (agency == null) {
            return List.of();
        }
        List<Object> rows = em.createNativeQuery("SELECT " + column + " FROM agencies"
                        + " WHERE jurisdiction_ref = ?1 AND lower(name) = lower(?2) AND " + column + " IS NOT NULL")
                .setParameter(1, jurisdictionRef)
                .setParameter(2, agency)
                .getResultList();
        return rows.stream().flatMap(r -> Arrays.stream((String[]) r)).toList();
    }
}
