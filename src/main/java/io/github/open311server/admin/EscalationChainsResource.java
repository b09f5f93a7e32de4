package io.github.open311server.admin;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.open311server.catalogue.CatalogueChanged;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.catalogue.Priority;
import io.github.open311server.escalation.EscalationChain;
import io.github.open311server.escalation.EscalationChains;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.web.MailAddresses;
import io.github.open311server.web.Open311Exception;

/**
 * A jurisdiction's escalation chains, one per priority: who is told at once of a request of that
 * priority, and who is told when nobody acknowledges it in time. A chain applies to requests filed
 * after it was saved.
 */
@Path("/admin/v1/jurisdictions/{jurisdiction_id}/escalation-chains")
@RolesAllowed(StaffIdentity.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class EscalationChainsResource {

    public record ChainInput(
            List<String> onCallAddresses,
            Integer acknowledgeWithinMinutes,
            List<String> supervisorAddresses,
            Integer maxEscalations) {}

    public record ChainView(
            String priority,
            List<String> onCallAddresses,
            int acknowledgeWithinMinutes,
            List<String> supervisorAddresses,
            int maxEscalations) {

        static ChainView of(EscalationChain c) {
            return new ChainView(
                    c.priority().wireName(),
                    c.onCallAddresses(),
                    c.acknowledgeWithinMinutes(),
                    c.supervisorAddresses(),
                    c.maxEscalations());
        }
    }

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    EscalationChains chains;

    /** The catalogue knows which priorities have a chain (filing asks it first): it refreshes after commit. */
    @Inject
    Event<CatalogueChanged> changed;

    @GET
    @Transactional
    public List<ChainView> list(@PathParam("jurisdiction_id") String jurisdictionId) {
        return chains.all(scoped(jurisdictionId).id()).stream()
                .map(ChainView::of)
                .toList();
    }

    @PUT
    @Path("{priority}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public ChainView put(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @PathParam("priority") String priorityName,
            ChainInput body) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        Priority priority = priority(priorityName);
        if (body == null) {
            throw Open311Exception.badRequest("A JSON body is required");
        }
        List<String> problems = new ArrayList<>();
        MailAddresses.check("on_call_addresses", body.onCallAddresses(), problems);
        MailAddresses.check("supervisor_addresses", body.supervisorAddresses(), problems);
        if (body.supervisorAddresses() == null || body.supervisorAddresses().isEmpty()) {
            problems.add("supervisor_addresses: at least one address to escalate to");
        }
        if (body.acknowledgeWithinMinutes() == null
                || body.acknowledgeWithinMinutes() < 1
                || body.acknowledgeWithinMinutes() > 10080) {
            problems.add("acknowledge_within_minutes must be from 1 to 10080 (a week)");
        }
        int max = body.maxEscalations() == null ? 3 : body.maxEscalations();
        if (max < 1 || max > 20) {
            problems.add("max_escalations must be from 1 to 20");
        }
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
        EscalationChain chain = new EscalationChain(
                priority,
                body.onCallAddresses() == null ? List.of() : List.copyOf(body.onCallAddresses()),
                body.acknowledgeWithinMinutes(),
                List.copyOf(body.supervisorAddresses()),
                max);
        chains.put(jurisdiction.id(), chain);
        changed.fire(new CatalogueChanged(jurisdiction.id(), CatalogueChanged.Kind.JURISDICTION, null));
        return ChainView.of(chain);
    }

    /** Requests already on the chain finish it; new ones of this priority are not escalated. */
    @DELETE
    @Path("{priority}")
    @Transactional
    public Response delete(
            @PathParam("jurisdiction_id") String jurisdictionId, @PathParam("priority") String priorityName) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        if (!chains.delete(jurisdiction.id(), priority(priorityName))) {
            throw Open311Exception.notFound("no escalation chain for priority " + priorityName);
        }
        changed.fire(new CatalogueChanged(jurisdiction.id(), CatalogueChanged.Kind.JURISDICTION, null));
        return Response.noContent().build();
    }

    private static Priority priority(String name) {
        return Priority.fromWire(name)
                .orElseThrow(() -> Open311Exception.notFound("priority must be normal, high or emergency"));
    }

    private Jurisdiction scoped(String jurisdictionId) {
        identity.require(jurisdictionId, StaffIdentity.ADMIN);
        return jurisdictions.resolve(jurisdictionId);
    }
}
