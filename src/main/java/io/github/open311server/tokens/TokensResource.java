package io.github.open311server.tokens;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.github.open311server.errors.Open311Exception;
import io.github.open311server.format.Renderer;
import io.github.open311server.format.Suffixed;
import io.github.open311server.jurisdictions.Jurisdiction;
import io.github.open311server.jurisdictions.JurisdictionResolver;
import io.github.open311server.requests.ServiceRequestsDocument;

/**
 * GET service_request_id from a token (reference 2.5). Requests are stored before the POST is
 * answered, so a token always resolves at once to its id.
 */
@Path("/open311/v2")
public class TokensResource {

    public record TokenView(String serviceRequestId, String token) {
    }

    @Inject
    JurisdictionResolver jurisdictions;

    @Inject
    DataSource dataSource;

    @Inject
    Renderer renderer;

    @GET
    @Path("tokens/{tail: .+}")
    public Response token(@PathParam("tail") String tail, @QueryParam("jurisdiction_id") String jurisdictionId) {
        Suffixed path = Suffixed.parse(tail);
        Jurisdiction jurisdiction = jurisdictions.resolve(jurisdictionId);
        String id = parse(path.name()).flatMap(token -> lookup(jurisdiction, token))
                .orElseThrow(() -> Open311Exception.notFound("token '" + path.name() + "' not found"));
        return renderer.ok(path.format(), new ServiceRequestsDocument<>(List.of(new TokenView(id, path.name()))));
    }

    private static Optional<UUID> parse(String token) {
        try {
            return Optional.of(UUID.fromString(token));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<String> lookup(Jurisdiction jurisdiction, UUID token) {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(
                        "SELECT service_request_id FROM service_requests WHERE jurisdiction_ref = ? AND token = ?")) {
            statement.setLong(1, jurisdiction.id());
            statement.setObject(2, token);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Token lookup failed", e);
        }
    }
}
