package io.github.open311server.staff;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.config.Open311Config;
import io.github.open311server.media.Photos;
import io.github.open311server.requests.Channel;
import io.github.open311server.requests.intake.RequestIntake;
import io.github.open311server.requests.lifecycle.ChangeInput;
import io.github.open311server.requests.lifecycle.DuplicateMerges;
import io.github.open311server.requests.lifecycle.ExpectedVersion;
import io.github.open311server.requests.lifecycle.ModerationInput;
import io.github.open311server.requests.lifecycle.RequestLifecycle;
import io.github.open311server.requests.lifecycle.RequestModeration;
import io.github.open311server.requests.lifecycle.WorkOrderInput;
import io.github.open311server.requests.lifecycle.WorkOrders;
import io.github.open311server.requests.queue.WorkQueue;
import io.github.open311server.requests.queue.WorkQueueParser;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.FormDecoder;
import io.github.open311server.web.FormFields;
import io.github.open311server.web.MultipartForms;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.PublicUrls;

/**
 * The staff and CRM side of requests, outside the public Open311 namespace: read everything about a
 * request, change its status, notes, agency and expected datetime, merge duplicates, list overdue ones.
 * Bearer JWTs only; the jurisdiction in the path must be one the token is valid for.
 */
@Path("/staff/v1/jurisdictions/{jurisdiction_id}/requests")
@RolesAllowed({StaffIdentity.STAFF, StaffIdentity.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class StaffRequestsResource {

    public record DuplicateMark(Integer version, String duplicateOf) {}

    /** Staff's words to the citizen; {@code public}: shown in the public history too (else staff only). */
    public record MessageInput(
            String message, @JsonProperty("public") Boolean isPublic) {}

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    RequestLifecycle lifecycle;

    @Inject
    DuplicateMerges duplicates;

    @Inject
    WorkOrders workOrders;

    @Inject
    OverdueRequests overdue;

    @Inject
    AreaChanges areaChanges;

    @Inject
    WorkQueue queue;

    @Inject
    BulkActions bulkActions;

    @Inject
    RequestModeration moderation;

    @Inject
    WorkQueueParser queueParser;

    @Inject
    RequestIntake intake;

    @Inject
    Open311Config config;

    @Inject
    StaffViews views;

    @Inject
    Datetimes datetimes;

    @Inject
    Catalogue catalogue;

    @Inject
    PublicUrls urls;

    /**
     * The work queue: requests matching the filters, a page at a time (see {@link WorkQueueParser} for the
     * parameters); open requests by priority then age unless asked otherwise.
     */
    @GET
    public WorkQueue.QueuePage queue(@PathParam("jurisdiction_id") String jurisdictionId, @Context UriInfo uri) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        return queue.page(queueParser.page(jurisdiction, uri.getQueryParameters()));
    }

    /** The badges of a queue view: how many requests match the same filters, per detailed status. */
    @GET
    @Path("counts")
    public WorkQueue.QueueCounts counts(@PathParam("jurisdiction_id") String jurisdictionId, @Context UriInfo uri) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        return queue.counts(queueParser.filtersOnly(jurisdiction, uri.getQueryParameters()));
    }

    /**
     * A call taker files a report for a caller: the fields of POST requests (and the caller's contact data as
     * email, phone, first_name, last_name), plus {@code channel}; answered with the staff view.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response file(
            @PathParam("jurisdiction_id") String jurisdictionId,
            byte[] body,
            @HeaderParam("Accept-Language") String acceptLanguage,
            @Context UriInfo uri) {
        return filed(jurisdictionId, FormDecoder.decode(body, config.guard().maxFormFields()), acceptLanguage, uri);
    }

    /** The same as a multipart form, with photos ({@code media} parts) as on the public POST. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response fileMultipart(
            @PathParam("jurisdiction_id") String jurisdictionId,
            MultipartFormDataInput body,
            @HeaderParam("Accept-Language") String acceptLanguage,
            @Context UriInfo uri) {
        return filed(jurisdictionId, MultipartForms.read(body), acceptLanguage, uri);
    }

    private Response filed(String jurisdictionId, FormFields form, String acceptLanguage, UriInfo uri) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        String given = form.first("channel");
        Channel channel = Channel.fromWire(given)
                .orElseThrow(() -> Open311Exception.badRequest("channel is required: one of " + Channel.names()
                        + (given == null ? "" : "; got '" + given + "'")));
        String id =
                intake.fileForCaller(jurisdiction, form, channel, identity.actor(), acceptLanguage).serviceRequestId;
        // read back after the commit, as any later GET would
        StaffRequestView view = QuarkusTransaction.requiringNew()
                .call(() -> views.of(lifecycle.find(jurisdiction, id), urls.origin(uri)));
        return Response.status(201)
                .entity(view)
                .tag(new EntityTag(Integer.toString(view.version())))
                .location(URI.create("/staff/v1/jurisdictions/" + jurisdiction.jurisdictionId() + "/requests/"
                        + view.serviceRequestId()))
                .build();
    }

    /** One action on a selection of requests, previewed and then confirmed (see {@link BulkActions}). */
    @POST
    @Path("bulk-actions")
    @Consumes(MediaType.APPLICATION_JSON)
    public BulkActions.Result bulk(@PathParam("jurisdiction_id") String jurisdictionId, BulkActions.Input input) {
        return bulkActions.run(scoped(jurisdictionId), input, identity.actor());
    }

    /** The open requests inside an area, changed at once (see {@link AreaChanges}). */
    @POST
    @Path("area-changes")
    @Consumes(MediaType.APPLICATION_JSON)
    public AreaChanges.Result changeArea(@PathParam("jurisdiction_id") String jurisdictionId, AreaChanges.Input input) {
        return areaChanges.apply(scoped(jurisdictionId), input, identity.actor());
    }

    @GET
    @Path("{id}")
    @Transactional
    public Response get(
            @PathParam("jurisdiction_id") String jurisdictionId, @PathParam("id") String id, @Context UriInfo uri) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        return tagged(views.of(lifecycle.find(jurisdiction, id), urls.origin(uri)));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response change(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            ChangeInput change,
            @Context UriInfo uri) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        ChangeInput body = requireBody(change);
        ExpectedVersion expected = ExpectedVersion.of(body.version(), ifMatch);
        return tagged(views.of(lifecycle.change(jurisdiction, id, body, expected, identity.actor()), urls.origin(uri)));
    }

    /**
     * The same change as multipart form fields (same names), with one or more photos ({@code photo}
     * parts): the photo of the fix, checked and stripped of metadata like a citizen's.
     */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Transactional
    public Response changeWithPhotos(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            MultipartFormDataInput multipart,
            @Context UriInfo uri) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        FormFields form = MultipartForms.read(multipart);
        List<String> problems = new ArrayList<>();
        Integer version = null;
        if (form.first("version") != null) {
            try {
                version = Integer.valueOf(form.first("version").strip());
            } catch (NumberFormatException e) {
                problems.add("version must be a whole number");
            }
        }
        List<Photos.Photo> photos = Photos.check(form.files(), problems);
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
        ChangeInput body = new ChangeInput(
                version,
                form.first("detailed_status"),
                form.first("status_notes"),
                form.first("agency_responsible"),
                form.first("expected_datetime"),
                form.first("public_note"),
                form.first("internal_note"),
                form.first("priority"));
        ExpectedVersion expected = ExpectedVersion.of(body.version(), ifMatch);
        return tagged(views.of(
                lifecycle.change(jurisdiction, id, body, photos, expected, identity.actor()), urls.origin(uri)));
    }

    @POST
    @Path("{id}/duplicate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response duplicate(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            DuplicateMark mark,
            @Context UriInfo uri) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        DuplicateMark body = requireBody(mark);
        ExpectedVersion expected = ExpectedVersion.of(body.version(), ifMatch);
        return tagged(views.of(
                duplicates.markDuplicate(jurisdiction, id, body.duplicateOf(), expected, identity.actor()),
                urls.origin(uri)));
    }

    /**
     * Sends the citizen a message about their request (mailed when they gave an address and did not opt
     * out), recorded in the history as public or private. Any staff change, this one too, acknowledges
     * the request and so stops its escalation chain.
     */
    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response message(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @PathParam("id") String id,
            MessageInput input,
            @Context UriInfo uri) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        MessageInput body = requireBody(input);
        if (body.isPublic() == null) {
            throw Open311Exception.badRequest("public is required: true to show the message with the request, "
                    + "false to keep it between the city and the citizen");
        }
        return tagged(views.of(
                lifecycle.message(jurisdiction, id, body.message(), body.isPublic(), identity.actor()),
                urls.origin(uri)));
    }

    /** Redacts what the request publishes, hides it, or publishes it (see {@link RequestModeration}). */
    @PUT
    @Path("{id}/moderation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response moderate(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            ModerationInput input,
            @Context UriInfo uri) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        ModerationInput body = requireBody(input);
        ExpectedVersion expected = ExpectedVersion.of(body.version(), ifMatch);
        return tagged(
                views.of(moderation.moderate(jurisdiction, id, body, expected, identity.actor()), urls.origin(uri)));
    }

    /** Attaches the city's work order (system, id, link) and the assignee; detaches it with neither system nor id. */
    @PUT
    @Path("{id}/work-order")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response workOrder(
            @PathParam("jurisdiction_id") String jurisdictionId,
            @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch,
            WorkOrderInput input,
            @Context UriInfo uri) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        WorkOrderInput body = requireBody(input);
        ExpectedVersion expected = ExpectedVersion.of(body.version(), ifMatch);
        return tagged(views.of(
                workOrders.attachWorkOrder(jurisdiction, id, body, expected, identity.actor()), urls.origin(uri)));
    }

    /** Open requests past their expected datetime (the service level), most overdue first. */
    @GET
    @Path("overdue")
    @Transactional
    public List<OverdueRequests.OverdueRequest> overdue(
            @PathParam("jurisdiction_id") String jurisdictionId, @QueryParam("limit") String limit) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        int max = 500;
        if (limit != null && !limit.isBlank()) {
            try {
                max = Math.max(1, Math.min(Integer.parseInt(limit.strip()), 1000));
            } catch (NumberFormatException e) {
                throw Open311Exception.badRequest("limit must be a whole number from 1 to 1000");
            }
        }
        return overdue.list(jurisdiction, max);
    }

    private Jurisdiction scoped(String jurisdictionId) {
        identity.require(jurisdictionId, StaffIdentity.STAFF, StaffIdentity.ADMIN);
        return jurisdictions.resolve(jurisdictionId);
    }

    /** The version as an entity tag, so a client can send it back in If-Match. */
    private static Response tagged(StaffRequestView view) {
        return Response.ok(view)
                .tag(new EntityTag(Integer.toString(view.version())))
                .build();
    }

    static <T> T requireBody(T body) {
        if (body == null) {
            throw Open311Exception.badRequest("A JSON body is required");
        }
        return body;
    }
}
