package io.github.open311server.media;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.requests.RequestMediaEntity;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.web.Open311Exception;

/** Serves photos uploaded with requests; their URLs are the requests' media_url values. */
@Path("/open311/v2/media")
public class MediaResource {

    @Inject
    Catalogue catalogue;

    @Inject
    MediaStorage storage;

    @GET
    @Path("{id}")
    public Response media(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Open311Exception.notFound("media '" + id + "' not found");
        }
        RequestMediaEntity media = RequestMediaEntity.findById(uuid);
        if (media == null || media.withdrawn || !published(media.requestRef)) {
            throw Open311Exception.notFound("media '" + id + "' not found");
        }
        // cached briefly, not for good: moderation can withdraw a photo, and caches must let it go soon
        return storage.serve(media, "public, max-age=300", true);
    }

    /** A photo of a hidden request, or of a service that publishes nothing, is not served to the public. */
    private boolean published(long requestRef) {
        ServiceRequestEntity request = ServiceRequestEntity.findById(requestRef);
        return request != null
                && !request.hidden
                && catalogue.serviceById(request.serviceRef).publishesRequests();
    }
}
