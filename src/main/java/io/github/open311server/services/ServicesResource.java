package io.github.open311server.services;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.web.Format;
import io.github.open311server.web.Languages;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Renderer;
import io.github.open311server.web.Revalidated;
import io.github.open311server.web.Suffixed;

/** GET Service List and GET Service Definition (GeoReport v2, sections 2.2 and 2.3). */
@Path("/open311/v2")
public class ServicesResource {

    @Inject
    Catalogue catalogue;

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    Renderer renderer;

    /**
     * The service list, in the language asked for ({@code locale}, else {@code Accept-Language}) where the
     * catalogue is translated into it, else in the jurisdiction's own; {@code Content-Language} says which.
     */
    @GET
    @Revalidated
    @Path("services.{format}")
    public Response list(
            @PathParam("format") String suffix,
            @QueryParam("jurisdiction_id") String jurisdictionId,
            @QueryParam("locale") String locale,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Format format = Format.require(suffix);
        Jurisdiction jurisdiction = jurisdictions.resolve(jurisdictionId);
        String language = language(jurisdiction, locale, acceptLanguage);
        return inLanguage(
                renderer.ok(
                        format,
                        new ServiceListDocument(catalogue.activeServices(jurisdiction).stream()
                                .map(s -> s.in(language).view())
                                .toList())),
                language);
    }

    /** A definition for every existing code, with an empty attribute list when the service has none. */
    @GET
    @Revalidated
    @Path("services/{tail: .+}")
    public Response definition(
            @PathParam("tail") String tail,
            @QueryParam("jurisdiction_id") String jurisdictionId,
            @QueryParam("locale") String locale,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        Suffixed path = Suffixed.parse(tail);
        Jurisdiction jurisdiction = jurisdictions.resolve(jurisdictionId);
        CatalogueService service = catalogue
                .activeService(jurisdiction, path.name())
                .orElseThrow(() -> Open311Exception.notFound("service_code '" + path.name() + "' not found"));
        String language = language(jurisdiction, locale, acceptLanguage);
        return inLanguage(
                renderer.ok(
                        path.format(),
                        new ServiceDefinitionDocument(
                                service.code(), service.in(language).attributes())),
                language);
    }

    private String language(Jurisdiction jurisdiction, String locale, String acceptLanguage) {
        return Languages.choose(locale, acceptLanguage, catalogue.locales(jurisdiction), jurisdiction.defaultLocale());
    }

    /** The answer's language, and that caches must keep one copy per Accept-Language. */
    private static Response inLanguage(Response answer, String language) {
        return Response.fromResponse(answer)
                .header(HttpHeaders.CONTENT_LANGUAGE, language)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .build();
    }
}
