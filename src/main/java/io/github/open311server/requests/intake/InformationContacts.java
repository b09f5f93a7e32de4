package io.github.open311server.requests.intake;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.requests.Channel;
import io.github.open311server.time.Datetimes;

/**
 * Contacts about an informational service (opening hours, where to get a bin): answered with the service's
 * notice, no work item filed, and counted here so that the statistics show what people ask.
 */
@ApplicationScoped
public class InformationContacts {

    /** A logged contact. */
    public record Contact(
            long id, String serviceCode, String serviceNotice, String channel, String contactedDatetime) {}

    @Inject
    EntityManager em;

    @Inject
    Datetimes datetimes;

    public Contact log(CatalogueService service, Channel channel, Long apiClientRef, String actor, String note) {
        OffsetDateTime now = datetimes.now();
        Number id = (Number) em.createNativeQuery("""
                        INSERT INTO information_contacts
                               (jurisdiction_ref, service_ref, channel, api_client_ref, actor, note, contacted_at)
                        VALUES (:j, :s, :c, CAST(:client AS bigint), :actor, CAST(:note AS text), :at) RETURNING id""")
                .setParameter("j", service.jurisdictionRef())
                .setParameter("s", service.id())
                .setParameter("c", channel.wireName())
                .setParameter("client", apiClientRef)
                .setParameter("actor", actor)
                .setParameter("note", note)
                .setParameter("at", now)
                .getSingleResult();
        return new Contact(
                id.longValue(), service.code(), service.serviceNotice(), channel.wireName(), datetimes.format(now));
    }
}
