package io.github.open311server.media;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.github.open311server.requests.RequestMediaEntity;
import io.github.open311server.web.Open311Exception;

/** Serves photos uploaded with requests; their URLs are the requests' media_url values. */
@Path("/open311/v2/media")
public class MediaResource {

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
        if (media == null || media.withdrawn) {
            throw Open311Exception.notFound("media '" + id + "' not found");
        }
        return Response.ok(media.bytes, media.contentType)
                .header("Cache-Control", "public, max-age=86400, immutable")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
