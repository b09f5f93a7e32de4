package io.github.open311server.requests.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.config.Open311Config;
import io.github.open311server.media.MediaLinks;
import io.github.open311server.requests.RequestPage;
import io.github.open311server.requests.RequestView;
import io.github.open311server.requests.ServiceRequestsDocument;
import io.github.open311server.requests.intake.IdempotencyKeys;
import io.github.open311server.requests.intake.PostedRequest;
import io.github.open311server.requests.intake.RequestIntake;
import io.github.open311server.requests.search.GeoJsonFeatures;
import io.github.open311server.requests.search.PagingHeaders;
import io.github.open311server.requests.search.RequestQueryParser;
import io.github.open311server.requests.search.RequestSearch;
import io.github.open311server.web.FormDecoder;
import io.github.open311server.web.FormFields;
import io.github.open311server.web.Format;
import io.github.open311server.web.MultipartForms;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.PublicUrls;
import io.github.open311server.web.Renderer;
import io.github.open311server.web.Suffixed;

/** POST Service Request, GET Service Requests and GET Service Request (reference 2.4, 2.6, 2.7). */
@Path("/open311/v2")
public class RequestsResource {

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    RequestIntake intake;

    @Inject
    RequestQueryParser queryParser;

    @Inject
    RequestSearch search;

    @Inject
    Renderer renderer;

    @Inject
    PublicUrls urls;

    @Inject
    Open311Config config;

    @POST
    @Path("requests.{format}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(
            @PathParam("format") String suffix,
            byte[] body,
            @Context UriInfo uri,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        Format format = Format.require(suffix);
        return created(
                format, FormDecoder.decode(body, config.guard().maxFormFields()), uri, idempotencyKey, acceptLanguage);
    }

    @POST
    @Path("requests.{format}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response createMultipart(
            @PathParam("format") String suffix,
            MultipartFormDataInput body,
            @Context UriInfo uri,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        Format format = Format.require(suffix);
        FormFields form = MultipartForms.read(body);
        return created(format, form, uri, idempotencyKey, acceptLanguage);
    }

    private Response created(
            Format format, FormFields form, UriInfo uri, String idempotencyKey, String acceptLanguage) {
        form.addCredentialsFrom(uri.getQueryParameters());
        Jurisdiction jurisdiction = jurisdictions.resolve(form.first("jurisdiction_id"));
        PostedRequest posted =
                intake.create(jurisdiction, form, IdempotencyKeys.normalise(idempotencyKey), acceptLanguage);
        return renderer.ok(format, new ServiceRequestsDocument<>(List.of(posted)));
    }

    @GET
    @Path("requests.{format}")
    public Response list(@PathParam("format") String suffix, @Context UriInfo uri) {
        Format format = Format.requireListFormat(suffix);
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        Jurisdiction jurisdiction = jurisdictions.resolve(params);
        RequestPage page = MediaLinks.absolute(search.find(queryParser.parse(jurisdiction, params)), urls.origin(uri));
        Response.ResponseBuilder response = format == Format.GEOJSON
                ? Response.ok(renderer.jsonBytes(GeoJsonFeatures.collection(page)))
                        .type(format.mediaType())
                : renderer.okBuilder(format, new ServiceRequestsDocument<>(page.requests()));
        return PagingHeaders.add(response, page, uri, urls.origin(uri)).build();
    }

    /** One request; a batch token is accepted in place of the id, as Austin does. */
    @GET
    @Path("requests/{tail: .+}")
    public Response one(@PathParam("tail") String tail, @Context UriInfo uri) {
        Suffixed path = Suffixed.parse(tail);
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        Jurisdiction jurisdiction = jurisdictions.resolve(params);
        boolean extensions = RequestQueryParser.extensions(params);
        RequestView view = search.byId(jurisdiction.id(), path.name(), extensions)
                .or(() -> search.byToken(jurisdiction.id(), path.name(), extensions))
                .orElseThrow(() -> Open311Exception.notFound("service_request_id '" + path.name() + "' not found"));
        return renderer.ok(
                path.format(), new ServiceRequestsDocument<>(List.of(MediaLinks.absolute(view, urls.origin(uri)))));
    }
}
