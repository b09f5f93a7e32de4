package io.github.open311server.admin;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.web.MailAddresses;
import io.github.open311server.web.Open311Exception;

/**
 * Agencies and the areas they own, checked and stored by PostGIS itself (it reads the GeoJSON and
 * judges validity), so an area that routing would misread is refused when it is saved.
 */
@ApplicationScoped
class AgencyAreas {

    @Inject
    EntityManager em;

    /**
     * Creates or replaces an agency; {@code area} is a GeoJSON Polygon or MultiPolygon (WGS84), or null;
     * {@code mailAddresses}: where it is told of new and reassigned requests and reminded of untouched ones;
     * {@code onCallAddresses}: who is told at once of a request whose priority has an escalation chain (null or
     * empty: nowhere).
     */
    void put(
            Jurisdiction jurisdiction,
            String name,
            JsonNode area,
            List<String> mailAddresses,
            List<String> onCallAddresses) {
        List<String> problems = new ArrayList<>();
        MailAddresses.check("mail_addresses", mailAddresses, problems);
        MailAddresses.check("on_call_addresses", onCallAddresses, problems);
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }
        String geoJson = area == null || area.isNull() ? null : area.toString();
        if (geoJson != null) {
            String type = area.path("type").asText();
            if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
                throw Open311Exception.badRequest("area must be a GeoJSON Polygon or MultiPolygon");
            }
            Boolean valid;
            try {
                valid = (Boolean) em.createNativeQuery("SELECT ST_IsValid(ST_GeomFromGeoJSON(CAST(:g AS text)))")
                        .setParameter("g", geoJson)
                        .getSingleResult();
            } catch (RuntimeException e) {
                throw Open311Exception.badRequest("area is not a readable GeoJSON geometry");
            }
            if (!Boolean.TRUE.equals(valid)) {
                throw Open311Exception.badRequest("area is not a valid polygon (self-intersecting or open ring)");
            }
        }
        em.createNativeQuery("""
                INSERT INTO agencies (jurisdiction_ref, name, area, mail_addresses, on_call_addresses)
                VALUES (:j, :name, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(CAST(:g AS text)), 4326)),
                        CAST(:mail AS text[]), CAST(:onCall AS text[]))
                ON CONFLICT (jurisdiction_ref, name) DO UPDATE
                   SET area = EXCLUDED.area, mail_addresses = EXCLUDED.mail_addresses,
                       on_call_addresses = EXCLUDED.on_call_addresses""")
                .setParameter("j", jurisdiction.id())
                .setParameter("name", name)
                .setParameter("g", geoJson)
                .setParameter("mail", MailAddresses.arrayLiteral(mailAddresses))
                .setParameter("onCall", MailAddresses.arrayLiteral(onCallAddresses))
                .executeUpdate();
    }
}
