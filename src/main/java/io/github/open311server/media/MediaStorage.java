package io.github.open311server.media;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import io.quarkus.runtime.StartupEvent;

import io.github.open311server.config.Open311Config;
import io.github.open311server.media.Photos.Photo;
import io.github.open311server.requests.RequestMediaEntity;

/**
 * Where the bytes of photos live: in their PostgreSQL rows (the default, fine for a small city) or in an
 * S3-compatible object store ({@code open311.media.storage=s3}). Rows always stay in PostgreSQL, so every
 * decision about a photo (whose, published, withdrawn, erased) is made there; only the bytes move.
 */
@ApplicationScoped
public class MediaStorage {

    static final String DATABASE = "database";
    static final String OBJECT_STORE = "s3";

    @Inject
    Open311Config config;

    @Inject
    EntityManager entityManager;

    private ObjectStore objects;

    void start(@Observes StartupEvent event) {
        if (config.media().storage() == Open311Config.Media.Storage.S3) {
            objects = new ObjectStore(config.media().s3());
            objects.check();
        }
    }

    @PreDestroy
    void stop() {
        if (objects != null) {
            objects.close();
        }
    }

    /**
     * Stores the photos of a request. In the object store the bytes go first, so a row that commits always has
     * its object (a transaction that then fails leaves an object no row names, never the reverse).
     */
    public void store(long requestId, List<Photo> photos) {
        for (Photo photo : photos) {
            byte[] bytes = ImageMetadata.strip(photo.contentType(), photo.bytes()); // no GPS position of the phone
            RequestMediaEntity media = new RequestMediaEntity();
            media.id = photo.id();
            media.requestRef = requestId;
            media.contentType = photo.contentType();
            media.fileName = photo.fileName();
            if (objects != null) {
                objects.put(photo.id(), photo.contentType(), bytes);
                media.storedIn = OBJECT_STORE;
            } else {
                media.bytes = bytes;
                media.storedIn = DATABASE;
            }
            media.persist();
        }
    }

    /**
     * The answer that serves a photo with these caching rules: its bytes from wherever they are, or (public
     * photos in the object store with {@code serve=redirect}) a redirect to a short-lived pre-signed URL, so the
     * bytes do not pass through this server at all.
     */
    public Response serve(RequestMediaEntity media, String cacheControl, boolean publicPhoto) {
        if (!OBJECT_STORE.equals(media.storedIn)) {
            return photo(Response.ok(media.bytes, media.contentType), cacheControl);
        }
        ObjectStore store = requireObjectStore();
        Open311Config.Media.S3 settings = config.media().s3();
        if (publicPhoto && settings.serve() == Open311Config.Media.Serve.REDIRECT) {
            return Response.temporaryRedirect(store.presignedGet(media.id, settings.presignedFor(), cacheControl))
                    .header("Cache-Control", "private, max-age=60")
                    .build();
        }
        var object = store.open(media.id); // streamed to the client, never held whole
        return photo(
                Response.ok(object, media.contentType)
                        .header("Content-Length", object.response().contentLength()),
                cacheControl);
    }

    private static Response photo(Response.ResponseBuilder answer, String cacheControl) {
        return answer.header("Cache-Control", cacheControl)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** Deletes the objects of photos whose rows this transaction deletes (before it commits: erased means gone). */
    public void deleteObjects(List<UUID> ids) {
        if (!ids.isEmpty()) {
            requireObjectStore().delete(ids);
        }
    }

    /**
     * Moves up to {@code batch} photos from PostgreSQL rows to the object store, in one transaction: each object
     * is written before its row stops holding the bytes, rows are claimed with SKIP LOCKED so several movers (or a
     * restarted one) never take the same photo. Returns how many moved; 0 when none are left.
     */
    @Transactional
    public int moveToObjectStore(int batch) {
        ObjectStore store = requireObjectStore();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery("""
                        SELECT id, content_type, bytes FROM request_media WHERE stored_in = 'database'
                         ORDER BY created_at, id LIMIT :batch FOR UPDATE SKIP LOCKED""")
                .setParameter("batch", batch)
                .getResultList();
        List<UUID> moved = new ArrayList<>();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            store.put(id, (String) row[1], (byte[]) row[2]);
            moved.add(id);
        }
        if (!moved.isEmpty()) {
            entityManager
                    .createNativeQuery(
                            "UPDATE request_media SET stored_in = 's3', bytes = NULL WHERE id = ANY (CAST(:ids AS uuid[]))")
                    .setParameter("ids", moved.stream().map(UUID::toString).toArray(String[]::new))
                    .executeUpdate();
        }
        return moved.size();
    }

    public boolean usesObjectStore() {
        return objects != null;
    }

    private ObjectStore requireObjectStore() {
        if (objects == null) {
            throw new IllegalStateException(
                    "Photos are in the object store but open311.media.storage is not s3: set it and its bucket");
        }
        return objects;
    }
}
