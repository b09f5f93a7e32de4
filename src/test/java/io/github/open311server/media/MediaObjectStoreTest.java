package io.github.open311server.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import io.github.open311server.support.Api;
import io.github.open311server.support.CityApi;
import io.github.open311server.support.Db;
import io.github.open311server.support.LargeUploads;
import io.github.open311server.support.S3ProxyResource;
import io.github.open311server.support.TestSigningKeys;
import io.github.open311server.web.FormFields.UploadedFile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Photos in a real S3-compatible store (S3Proxy): uploads go to the bucket and not to PostgreSQL, are served
 * with the same headers as before (streamed through the server), leave the bucket when erased, and photos kept
 * in PostgreSQL move there with the migration.
 */
@QuarkusTest
@TestProfile(MediaObjectStoreTest.InTheObjectStore.class)
class MediaObjectStoreTest {

    public static class InTheObjectStore implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyResource.class), new TestResourceEntry(TestSigningKeys.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("open311.media.s3.serve", "proxy");
        }
    }

    @Inject
    Db db;

    @Inject
    MediaStorage storage;

    @Test
    void anUploadGoesToTheBucketAndIsServedFromItAsBefore() {
        String id = Api.fileWithPhoto(null);
        String media = mediaOf(id);
        assertEquals(
                "s3|true",
                db.value("SELECT stored_in || '|' || (bytes IS NULL) FROM request_media WHERE id = ?::uuid", media));
        byte[] stored = object(media);
        byte[] served = given().when()
                .get(Api.V2 + "/media/" + media)
                .then()
                .statusCode(200)
                .contentType("image/png")
                .header("Cache-Control", "public, max-age=300")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Length", String.valueOf(stored.length))
                .extract()
                .asByteArray();
        assertArrayEquals(stored, served);
        // staff read it through their own path, never cached
        given().auth()
                .oauth2(io.github.open311server.support.Tokens.staff(CityApi.J))
                .when()
                .get("/staff/v1/jurisdictions/" + CityApi.J + "/media/" + media)
                .then()
                .statusCode(200)
                .header("Cache-Control", "private, no-store");
    }

    /** The photo goes from the upload's file to the bucket as a stream: the storing thread never holds it whole. */
    @Test
    void aPhotoNearTheLimitIsStreamedToTheBucket() throws IOException {
        byte[] plain = LargeUploads.noisyJpeg();
        UploadedFile upload = LargeUploads.upload(LargeUploads.withExif(plain), "street.jpg", "image/jpeg");
        List<Photos.Photo> photos = StreamedUploadsTest.accepted(upload);
        long requestId = StreamedUploadsTest.newRequest(db);
        List<Photos.Photo> warm = StreamedUploadsTest.accepted(upload);
        QuarkusTransaction.requiringNew()
                .run(() -> storage.store(requestId, warm)); // loads classes, opens a connection

        long allocated = LargeUploads.allocatedDuring(
                () -> QuarkusTransaction.requiringNew().run(() -> storage.store(requestId, photos)));

        assertTrue(
                allocated < 512 * 1024, // about 140 KB measured: buffers, not the photo
                "storing a " + plain.length + "-byte photo in the bucket allocated " + allocated + " bytes");
        String media = photos.get(0).id().toString();
        assertArrayEquals(plain, object(media), "the photo as sent, only its EXIF segment gone");
        assertEquals(
                "s3|true",
                db.value("SELECT stored_in || '|' || (bytes IS NULL) FROM request_media WHERE id = ?::uuid", media));
    }

    @Test
    void photosKeptInPostgresqlMoveToTheBucketAndStayReadable() throws IOException {
        String id = Api.fileWithPhoto(null);
        UUID old = UUID.randomUUID();
        byte[] bytes = png(5, 4);
        db.update(
                "INSERT INTO request_media (id, request_ref, content_type, bytes, stored_in) SELECT ?::uuid, r.id,"
                        + " 'image/png', ?, 'database' FROM service_requests r WHERE r.service_request_id = ?",
                old.toString(),
                bytes,
                id);
        assertArrayEquals(bytes, served(old.toString()));

        int moved = 0;
        for (int batch = storage.moveToObjectStore(100); batch > 0; batch = storage.moveToObjectStore(100)) {
            moved += batch;
        }
        assertEquals(true, moved >= 1, "at least the planted photo moved: " + moved);
        assertEquals("0", db.value("SELECT count(*) FROM request_media WHERE stored_in = 'database'"));
        assertEquals(
                "s3|true",
                db.value(
                        "SELECT stored_in || '|' || (bytes IS NULL) FROM request_media WHERE id = ?::uuid",
                        old.toString()));
        assertArrayEquals(bytes, object(old.toString()));
        assertArrayEquals(bytes, served(old.toString()));
        assertEquals(0, storage.moveToObjectStore(100), "nothing left: running it again moves nothing");
    }

    @Test
    void aHeadOpensNothingAndALostObjectIsA404() {
        String media = mediaOf(Api.fileWithPhoto(null));
        given().when()
                .head(Api.V2 + "/media/" + media)
                .then()
                .statusCode(200)
                .header("Content-Length", String.valueOf(object(media).length));
        try (S3Client client = S3ProxyResource.client()) {
            client.deleteObject(b -> b.bucket(S3ProxyResource.BUCKET).key("media/" + media));
        }
        given().when().get(Api.V2 + "/media/" + media).then().statusCode(404).contentType(Api.XML);
    }

    @Test
    void erasureTakesThePhotoOutOfTheBucket() {
        String email = "bucket.erase." + System.nanoTime() + "@example.org";
        String id = Api.fileWithPhoto(email);
        String media = mediaOf(id);
        object(media);
        CityApi.admin()
                .body("{\"email\": \"" + email + "\"}")
                .when()
                .post(CityApi.ADMIN + "/erasures")
                .then()
                .statusCode(201)
                .body("photos", equalTo(1));
        try (S3Client client = S3ProxyResource.client()) {
            assertThrows(
                    NoSuchKeyException.class,
                    () -> client.headObject(
                            b -> b.bucket(S3ProxyResource.BUCKET).key("media/" + media)));
        }
        given().when().get(Api.V2 + "/media/" + media).then().statusCode(404);
    }

    private static byte[] served(String media) {
        return given().when()
                .get(Api.V2 + "/media/" + media)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    private String mediaOf(String id) {
        return db.value(
                "SELECT m.id::text FROM request_media m JOIN service_requests r ON r.id = m.request_ref"
                        + " WHERE r.service_request_id = ?",
                id);
    }

    static byte[] object(String media) {
        try (S3Client client = S3ProxyResource.client()) {
            return client.getObjectAsBytes(b -> b.bucket(S3ProxyResource.BUCKET).key("media/" + media))
                    .asByteArray();
        }
    }

    static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
