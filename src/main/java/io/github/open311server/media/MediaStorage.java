package io.github.open311server.media;

import java.io.IOException;
import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.runtime.StartupEvent;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import io.github.open311server.config.Open311Config;
import io.github.open311server.media.Photos.Photo;
import io.github.open311server.requests.RequestMediaEntity;
import io.github.open311server.web.Open311Exception;

/**
 * Where the bytes of photos live: in their PostgreSQL rows (the default, fine for a small city) or in an
 * S3-compatible object store. Rows always stay in PostgreSQL, so every decision about a photo (whose, published,
 * withdrawn, erased) is made there; only the bytes move. {@code open311.media.storage} chooses where new photos go;
 * with a bucket configured, photos already in the store are served and erased whatever it says.
 */
@ApplicationScoped
public class MediaStorage {

    static final String DATABASE = "database";
    static final String OBJECT_STORE = "s3";
    private static final Logger LOG = Logger.getLogger(MediaStorage.class);

    @Inject
    Open311Config config;

    @Inject
    EntityManager entityManager;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private ObjectStore objects;

    void start(@Observes StartupEvent event) {
        Open311Config.Media media = config.media();
        if (media.storage() == Open311Config.Media.Storage.S3
                || media.s3().bucket().filter(b -> !b.isBlank()).isPresent()) {
            objects = new ObjectStore(media.s3());
            objects.check();
        }
    }

    @PreDestroy
    void stop() {
        if (objects != null) {
            objects.close();
        }
    }

    private boolean newPhotosToObjectStore() {
        return objects != null && config.media().storage() == Open311Config.Media.Storage.S3;
    }

    /**
     * Stores the photos of a request, in the caller's transaction, each streamed from its upload's file to where
     * it is kept (never whole in memory). In the object store the bytes go first, so a row that commits always has
     * its object; if the transaction then rolls back, the objects are deleted again.
     */
    public void store(long requestId, List<Photo> photos) {
        if (photos.isEmpty()) {
            return;
        }
        entityManager.flush(); // the request's row, which the photos' rows name, is written before them
        List<UUID> written = new ArrayList<>();
        for (Photo photo : photos) {
            StrippedImage image = ImageMetadata.strip(photo.contentType(), photo.upload()); // no GPS of the phone
            if (newPhotosToObjectStore()) {
                try {
                    objects.put(photo.id(), photo.contentType(), image);
                } catch (SdkException e) {
                    throw unavailable(e);
                }
                written.add(photo.id());
                insert(requestId, photo, OBJECT_STORE, null);
            } else {
                insert(requestId, photo, DATABASE, image);
            }
        }
        if (!written.isEmpty()) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status != Status.STATUS_COMMITTED) {
                        deleteQuietly(written); // no row will ever name them
                    }
                }
            });
        }
    }

    /**
     * The photo's row, through the transaction's own connection: PgJDBC sends a stream of known length to a bytea
     * as it reads it, which a Hibernate entity (its byte[] held by the session) cannot do.
     */
    private void insert(long requestId, Photo photo, String storedIn, StrippedImage bytes) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO request_media (id, request_ref, content_type, file_name, bytes, stored_in)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                insert.setObject(1, photo.id());
                insert.setLong(2, requestId);
                insert.setString(3, photo.contentType());
                insert.setString(4, photo.fileName());
                insert.setString(6, storedIn);
                if (bytes == null) {
                    insert.setNull(5, Types.BINARY);
                    insert.executeUpdate();
                    return;
                }
                try (InputStream in = bytes.open()) {
                    insert.setBinaryStream(5, in, bytes.length());
                    insert.executeUpdate();
                } catch (IOException e) {
                    throw photo.upload().unreadable();
                }
            }
        });
    }

    /**
     * The answer that serves a photo with these caching rules: its bytes from wherever they are (streamed from
     * the store: opened only when the body is written, so a HEAD opens nothing), or (public photos in the store
     * with {@code serve=redirect}) a redirect to a short-lived pre-signed URL.
     */
    public Response serve(RequestMediaEntity media, String cacheControl, boolean publicPhoto) {
        if (!OBJECT_STORE.equals(media.storedIn)) {
            return photo(Response.ok(media.bytes, media.contentType), cacheControl);
        }
        ObjectStore store = requireObjectStore();
        Open311Config.Media.S3 settings = config.media().s3();
        try {
            if (publicPhoto && settings.serve() == Open311Config.Media.Serve.REDIRECT) {
                return Response.temporaryRedirect(store.presignedGet(media.id, settings.presignedFor(), cacheControl))
                        .header("Cache-Control", "private, max-age=60")
                        .build();
            }
            long length = store.length(media.id); // also: a photo the store has lost is a 404, not a broken body
            StreamingOutput body = out -> {
                try (var in = store.open(media.id)) {
                    in.transferTo(out);
                }
            };
            return photo(Response.ok(body, media.contentType).header("Content-Length", length), cacheControl);
        } catch (NoSuchKeyException e) {
            throw Open311Exception.notFound("media '" + media.id + "' not found");
        } catch (S3Exception e) {
            if (e.statusCode() == 404) { // HEAD of a missing key: no body, so no error code to name it
                throw Open311Exception.notFound("media '" + media.id + "' not found");
            }
            throw unavailable(e);
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    private static Response photo(Response.ResponseBuilder answer, String cacheControl) {
        return answer.header("Cache-Control", cacheControl)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /**
     * Deletes the objects of photos whose rows this transaction deletes, before it commits: erased means gone.
     * Every erased photo's key is deleted when a store is configured, wherever its row said it was, so a copy an
     * interrupted move left behind goes too (deleting a missing key is no error).
     */
    public void deleteObjects(List<UUID> ids) {
        if (objects != null && !ids.isEmpty()) {
            try {
                objects.delete(ids);
            } catch (SdkException e) {
                throw unavailable(e);
            }
        }
    }

    private void deleteQuietly(List<UUID> ids) {
        try {
            objects.delete(ids);
        } catch (RuntimeException e) {
            LOG.warnf("%d photo objects of a rolled-back upload stay in the bucket: %s", ids.size(), e.getMessage());
        }
    }

    /**
     * Moves up to {@code batch} photos from PostgreSQL rows to the object store, in one transaction, one photo in
     * memory at a time: rows are claimed with SKIP LOCKED (several movers never take the same photo), each object is
     * written before its row lets go of the bytes. Returns how many moved; 0 when none are left.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public int moveToObjectStore(int batch) {
        ObjectStore store = requireObjectStore();
        @SuppressWarnings("unchecked")
        List<Object[]> claimed = entityManager
                .createNativeQuery("""
                        SELECT id, content_type FROM request_media WHERE stored_in = 'database'
                         ORDER BY created_at, id LIMIT :batch FOR UPDATE SKIP LOCKED""")
                .setParameter("batch", batch)
                .getResultList();
        for (Object[] row : claimed) {
            UUID id = (UUID) row[0];
            byte[] bytes = (byte[]) entityManager
                    .createNativeQuery("SELECT bytes FROM request_media WHERE id = :id")
                    .setParameter("id", id)
                    .getSingleResult();
            store.put(id, (String) row[1], bytes);
            entityManager
                    .createNativeQuery("UPDATE request_media SET stored_in = 's3', bytes = NULL WHERE id = :id")
                    .setParameter("id", id)
                    .executeUpdate();
        }
        return claimed.size();
    }

    public boolean usesObjectStore() {
        return objects != null;
    }

    private ObjectStore requireObjectStore() {
        if (objects == null) {
            throw Open311Exception.unavailable(
                    "Photos are in the object store, which is not configured here: set open311.media.s3.*");
        }
        return objects;
    }

    private static Open311Exception unavailable(SdkException e) {
        LOG.warnf("The photo store did not answer: %s", e.getMessage());
        return new Open311Exception(
                503, List.of("The photo store is not available; try again shortly"), Map.of("Retry-After", "30"));
    }
}
