package io.github.open311server.requests.intake;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.github.open311server.catalogue.Jurisdiction;

/** Agencies that own an area take the requests inside it; the smallest matching area wins. */
@ApplicationScoped
public class AgencyRouting {

    @Inject
    EntityManager em;

    @SuppressWarnings("unchecked")
    public Optional<String> agencyAt(Jurisdiction jurisdiction, double lon, double lat) {
        List<String> names = em.createNativeQuery("""
                SELECT name FROM agencies
                 WHERE jurisdiction_ref = :jurisdiction AND area IS NOT NULL
                   AND ST_Covers(area, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))
                 ORDER BY ST_Area(area), id LIMIT 1""")
                .setParameter("jurisdiction", jurisdiction.id())
                .setParameter("lon", lon)
                .setParameter("lat", lat)
                .getResultList();
        return names.stream().findFirst();
    }
}
