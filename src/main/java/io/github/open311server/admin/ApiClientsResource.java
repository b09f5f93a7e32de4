package io.github.open311server.admin;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.catalogue.JurisdictionResolver;
import io.github.open311server.clients.ApiClientEntity;
import io.github.open311server.clients.ApiKeyCache;
import io.github.open311server.clients.ApiKeys;
import io.github.open311server.requests.Channel;
import io.github.open311server.security.StaffIdentity;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;

/**
 * Admins manage the applications that may post (the Open311 {@code api_key}). A key is shown once, at
 * creation or rotation, and stored only as its SHA-256 hash.
 */
@Path("/admin/v1/jurisdictions/{jurisdiction_id}/api-clients")
@RolesAllowed(StaffIdentity.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ApiClientsResource {

    private static final Set<String> SCOPES = Set.of(
            ApiClientEntity.CREATE_REQUESTS,
            ApiClientEntity.POST_UPDATES,
            ApiClientEntity.READ_EVENTS,
            ApiClientEntity.READ_PERSONAL_DATA);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * {@code postsPerMinute}, {@code getsPerMinute}: the client's own budgets per minute of POSTs and of GETs
     * that carry its key (null: the server's defaults); {@code defaultChannel}: the channel its requests are
     * recorded with (app when absent).
     */
    public record ClientInput(
            String name, List<String> scopes, Integer postsPerMinute, Integer getsPerMinute, String defaultChannel) {}

    /** The key is only filled in the answer to a creation or a rotation. */
    public record ClientView(
            long id,
            String name,
            List<String> scopes,
            String keyPrefix,
            String key,
            String createdAt,
            String revokedAt,
            String lastUsedAt,
            Integer postsPerMinute,
            Integer getsPerMinute,
            String defaultChannel) {}

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    StaffIdentity identity;

    @Inject
    Datetimes datetimes;

    @Inject
    ApiKeyCache keyCache;

    @GET
    @Transactional
    public List<ClientView> list(@PathParam("jurisdiction_id") String jurisdictionId) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        return ApiClientEntity.<ApiClientEntity>list("jurisdictionRef = ?1 order by id", jurisdiction.id()).stream()
                .map(c -> view(c, null))
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(@PathParam("jurisdiction_id") String jurisdictionId, ClientInput body) {
        Jurisdiction jurisdiction = scoped(jurisdictionId);
        if (body == null
                || body.name() == null
                || body.name().isBlank()
                || body.name().length() > 200) {
            throw Open311Exception.badRequest("name is required (at most 200 characters)");
        }
        List<String> scopes = body.scopes() == null || body.scopes().isEmpty()
                ? List.of(ApiClientEntity.CREATE_REQUESTS)
                : body.scopes().stream().distinct().toList();
        List<String> unknown =
                scopes.stream().filter(s -> !SCOPES.contains(s)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw Open311Exception.badRequest("Unknown scopes " + unknown + "; known: "
                    + SCOPES.stream().sorted().toList());
        }
        budget("posts_per_minute", body.postsPerMinute());
        budget("gets_per_minute", body.getsPerMinute());
        Channel channel = body.defaultChannel() == null
                ? Channel.APP
                : Channel.fromWire(body.defaultChannel())
                        .orElseThrow(
                                () -> Open311Exception.badRequest("default_channel must be one of " + Channel.names()));
        ApiClientEntity client = new ApiClientEntity();
        client.postsPerMinute = body.postsPerMinute();
        client.getsPerMinute = body.getsPerMinute();
        client.defaultChannel = channel.wireName();
        client.jurisdictionRef = jurisdiction.id();
        client.name = body.name().strip();
        client.scopes = scopes.toArray(String[]::new);
        String key = newKey(client);
        client.persist();
        ApiClientEntity.getEntityManager().flush();
        ApiClientEntity.getEntityManager().refresh(client);
        return Response.status(201)
                .entity(view(client, key))
                .location(URI.create(
                        "/admin/v1/jurisdictions/" + jurisdiction.jurisdictionId() + "/api-clients/" + client.id))
                .build();
    }

    /** A new key for the same client; the old one stops working at once. */
    @POST
    @Path("{id}/rotate")
    @Transactional
    public ClientView rotate(@PathParam("jurisdiction_id") String jurisdictionId, @PathParam("id") long id) {
        ApiClientEntity client = find(scoped(jurisdictionId), id);
        if (client.revokedAt != null) {
            throw new Open311Exception(409, List.of("A revoked client cannot be rotated; create a new one"));
        }
        String key = newKey(client);
        keyCache.invalidateAfterCommit(); // the old key stops working here as soon as this answer is sent
        return view(client, key);
    }

    @POST
    @Path("{id}/revoke")
    @Transactional
    public ClientView revoke(@PathParam("jurisdiction_id") String jurisdictionId, @PathParam("id") long id) {
        ApiClientEntity client = find(scoped(jurisdictionId), id);
        if (client.revokedAt == null) {
            client.revokedAt = datetimes.now();
            keyCache.invalidateAfterCommit();
        }
        return view(client, null);
    }

    private Jurisdiction scoped(String jurisdictionId) {
        identity.require(jurisdictionId, StaffIdentity.ADMIN);
        return jurisdictions.resolve(jurisdictionId);
    }

    private static ApiClientEntity find(Jurisdiction jurisdiction, long id) {
        ApiClientEntity client = ApiClientEntity.findById(id);
        if (client == null || !Long.valueOf(jurisdiction.id()).equals(client.jurisdictionRef)) {
            throw Open311Exception.notFound("API client " + id + " not found");
        }
        return client;
    }

    private static String newKey(ApiClientEntity client) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String key = "o311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        client.keyHash = ApiKeys.hash(key);
        client.keyPrefix = key.substring(0, 9);
        return key;
    }

    private ClientView view(ApiClientEntity c, String key) {
        return new ClientView(
                c.id,
                c.name,
                List.of(c.scopes),
                c.keyPrefix,
                key,
                datetimes.format(c.createdAt),
                datetimes.format(c.revokedAt),
                datetimes.format(c.lastUsedAt),
                c.postsPerMinute,
                c.getsPerMinute,
                c.defaultChannel);
    }

    private static void budget(String name, Integer perMinute) {
        if (perMinute != null && (perMinute < 1 || perMinute > 1_000_000)) {
            throw Open311Exception.badRequest(name + " must be from 1 to 1000000");
        }
    }
}
