package io.github.open311server.notifications.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.notifications.MailLog;
import io.github.open311server.requests.lifecycle.RequestLifecycle;
import io.github.open311server.security.StaffIdentity;

/** Staff see what became of a request's mail: queued, sent, skipped (no address, opted out) or failed. */
@Path("/staff/v1/jurisdictions/{jurisdiction_id}/requests/{id}/mails")
@RolesAllowed({StaffIdentity.STAFF, StaffIdentity.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class RequestMailsResource {

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    RequestLifecycle lifecycle;

    @Inject
    MailLog log;

    @GET
    @Transactional
    public List<MailLog.Entry> mails(@PathParam("jurisdiction_id") String jurisdictionId, @PathParam("id") String id) {
        identity.require(jurisdictionId, StaffIdentity.STAFF, StaffIdentity.ADMIN);
        Jurisdiction jurisdiction = jurisdictions.resolve(jurisdictionId);
        return log.of(lifecycle.find(jurisdiction, id).id);
    }
}
