package io.github.open311server.events;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.config.Open311Config;
import io.github.open311server.media.MediaLinks;
import io.github.open311server.requests.ExtendedAttributes;
import io.github.open311server.requests.RequestView;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.requests.WorkOrder;
import io.github.open311server.time.Datetimes;

/**
 * The request as GET requests/{id}.json?extensions=true shows it (without the history, which the
 * events themselves are), built from the entity the change just wrote. No field for the submitter:
 * what is not here cannot leak to a receiver. Uploaded photos are linked under the configured
 * endpoint URL, or relative to the v2 endpoint when none is configured.
 */
@ApplicationScoped
class PublicRequestViews {

    @Inject
    Catalogue catalogue;

    @Inject
    Datetimes datetimes;

    @Inject
    Open311Config config;

    RequestView of(ServiceRequestEntity r) {
        CatalogueService service = catalogue.serviceById(r.serviceRef);
        List<String> media = Arrays.stream(r.mediaUrls).map(this::absolute).toList();
        return new RequestView(
                r.serviceRequestId,
                r.status,
                r.statusNotes,
                service == null ? null : service.name(),
                service == null ? null : service.code(),
                r.description,
                r.agencyResponsible,
                r.serviceNotice,
                datetimes.format(r.requestedDatetime),
                datetimes.format(r.updatedDatetime),
                datetimes.format(r.expectedDatetime),
                r.address,
                r.addressId,
                r.zipcode,
                r.location == null ? null : RequestView.degrees(r.location.getY()),
                r.location == null ? null : RequestView.degrees(r.location.getX()),
                media.isEmpty() ? null : media.get(0),
                published(r, media));
    }

    private ExtendedAttributes published(ServiceRequestEntity r, List<String> media) {
        boolean workOrders = catalogue.publishesWorkOrders(r.jurisdictionRef);
        return new ExtendedAttributes(
                r.detailedStatus, media, null, workOrders ? WorkOrder.of(r) : null, workOrders ? r.assignee : null);
    }

    /** Links are absolute only under a configured endpoint URL: an event has no request to take a host from. */
    private String absolute(String url) {
        return config.discovery()
                .endpointUrl()
                .map(URI::create)
                .map(base -> MediaLinks.absolute(url, base.getScheme() + "://" + base.getRawAuthority()))
                .orElse(url);
    }
}
