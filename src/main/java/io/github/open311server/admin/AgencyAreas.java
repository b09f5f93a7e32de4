package io.github.open311server.admin;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.web.Open311Exception;

/**
 * Agencies and the areas they own, checked and stored by PostGIS itself (it reads the GeoJSON and
 * judges validity), so an area that routing would misread is refused when it is saved.
 */
@ApplicationScoped
class AgencyAreas {

    /** Plain addresses only: no display names, quotes, commas or braces (they would break the array literal). */
    private static final Pattern MAIL_ADDRESS = Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");

    @Inject
    EntityManager em;

    /**
     * Creates or replaces an agency; {@code area} is a GeoJSON Polygon or MultiPolygon (WGS84), or null;
     * {@code mailAddresses}: where it is told of new and reassigned requests (null or empty: nowhere).
     */
    void put(Jurisdiction jurisdiction, String name, JsonNode area, List<String> mailAddresses) {
        List<String> addresses = mailAddresses == null ? List.of() : mailAddresses;
        List<String> bad = addresses.stream()
                .filter(a -> a == null
                        || a.length() > 254
                        || !MAIL_ADDRESS.matcher(a).matches())
                .toList();
        if (!bad.isEmpty() || addresses.size() > 20) {
            throw Open311Exception.badRequest(
                    "mail_addresses must be at most 20 e-mail addresses (name@domain); not usable: " + bad);
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
                INSERT INTO agencies (jurisdiction_ref, name, area, mail_addresses)
                VALUES (:j, :name, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(CAST(:g AS text)), 4326)),
                        CAST(:mail AS text[]))
                ON CONFLICT (jurisdiction_ref, name) DO UPDATE
                   SET area = EXCLUDED.area, mail_addresses = EXCLUDED.mail_addresses""")
                .setParameter("j", jurisdiction.id())
                .setParameter("name", name)
                .setParameter("g", geoJson)
                .setParameter("mail", addresses.isEmpty() ? null : "{" + String.join(",", addresses) + "}")
                .executeUpdate();
    }
}
