package io.github.open311server.catalogue;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;

import io.github.open311server.web.Open311Exception;

/**
 * The spec's jurisdiction_id rule: optional while the server hosts one jurisdiction (but checked when
 * given), required once it hosts several; an empty value counts as absent.
 */
@ApplicationScoped
public class JurisdictionResolver {

    @Inject
    Catalogue catalogue;

    /** From the query parameters of a GET. */
    public Jurisdiction resolve(MultivaluedMap<String, String> query) {
        return resolve(query.getFirst("jurisdiction_id"));
    }

    public Jurisdiction resolve(String jurisdictionId) {
        if (jurisdictionId == null || jurisdictionId.isBlank()) {
            List<Jurisdiction> all = catalogue.jurisdictions();
            if (all.size() == 1) {
                return all.get(0);
            }
            throw Open311Exception.badRequest("jurisdiction_id is required: this server hosts several jurisdictions");
        }
        return catalogue
                .jurisdiction(jurisdictionId.trim())
                .orElseThrow(
                        () -> Open311Exception.notFound("jurisdiction_id '" + jurisdictionId.trim() + "' not found"));
    }
}
