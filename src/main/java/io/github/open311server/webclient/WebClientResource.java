package io.github.open311server.webclient;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.config.Open311Config;
import io.github.open311server.web.Open311Exception;

/**
 * The two calls of the web client that are not Open311 or staff API: its settings, and (demo only) the
 * demo sign-in. The pages themselves are static files (META-INF/resources/client), guarded by
 * {@link WebClientRoutes}.
 */
@Path("/client")
@Produces(MediaType.APPLICATION_JSON)
public class WebClientResource {

    public record SignInInput(String role) {}

    @Inject
    Open311Config config;

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    Catalogue catalogue;

    @Inject
    DemoSignIn demoSignIn;

    @GET
    @Path("config.json")
    public Response settings() {
        Open311Config.WebClient client = config.webClient();
        if (!client.enabled()) {
            throw Open311Exception.notFound("The web client is turned off on this server");
        }
        Jurisdiction jurisdiction = jurisdictions.resolve(config.jurisdiction().id());
        Open311Config.WebClient.Oidc oidc = client.oidc();
        WebClientSettings.Oidc provider = oidc.authorizationEndpoint().isPresent()
                        && oidc.tokenEndpoint().isPresent()
                        && oidc.clientId().isPresent()
                ? new WebClientSettings.Oidc(
                        oidc.authorizationEndpoint().get(),
                        oidc.tokenEndpoint().get(),
                        oidc.clientId().get(),
                        oidc.scope())
                : null;
        List<String> languages =
                catalogue.locales(jurisdiction).stream().sorted().toList();
        WebClientSettings settings = new WebClientSettings(
                jurisdiction.jurisdictionId(),
                jurisdiction.name(),
                client.apiKey().orElse(null),
                client.tilesUrl().orElse(null),
                client.tilesAttribution(),
                client.mapCentre(),
                languages,
                provider,
                client.demoSignIn());
        CacheControl cache = new CacheControl();
        cache.setMaxAge(60);
        return Response.ok(settings).cacheControl(cache).build();
    }

    @POST
    @Path("demo-sign-in")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(SignInInput input) {
        DemoSignIn.DemoToken token = demoSignIn.signIn(input == null ? null : input.role());
        return Response.ok(token).header("Cache-Control", "no-store").build();
    }
}
