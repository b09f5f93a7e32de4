package io.github.open311server.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Api;
import io.github.open311server.support.Db;
import io.github.open311server.support.LargeUploads;
import io.github.open311server.web.FormFields.UploadedFile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A photo goes from the upload's temporary file to PostgreSQL as a stream: its metadata dropped on the way, the
 * photo itself never whole in the server's memory. Measured as what the storing thread allocates: reading the
 * photo into memory (as the server once did) allocates at least its size, and stripping it once more.
 */
@QuarkusTest
class StreamedUploadsTest {

    @Inject
    MediaStorage storage;

    @Inject
    Db db;

    @Test
    void aPhotoNearTheLimitIsStrippedAndStoredWithoutBeingHeldInMemory() throws Exception {
        byte[] plain = LargeUploads.noisyJpeg();
        assertTrue(plain.length > 3_000_000 && plain.length < 5_000_000, "fixture size " + plain.length);
        List<Photos.Photo> photos =
                accepted(LargeUploads.upload(LargeUploads.withExif(plain), "street.jpg", "image/jpeg"));
        long requestId = newRequest(db);

        storeOnce(requestId); // the first store loads classes and prepares the statement; the second is measured
        long allocated = LargeUploads.allocatedDuring(
                () -> QuarkusTransaction.requiringNew().run(() -> storage.store(requestId, photos)));

        assertTrue(
                allocated < 256 * 1024, // about 30 KB measured: buffers, not the photo
                "storing a " + plain.length + "-byte photo allocated " + allocated + " bytes on its thread");
        byte[] served = given().when()
                .get(Api.V2 + "/media/" + photos.get(0).id())
                .then()
                .statusCode(200)
                .contentType("image/jpeg")
                .header("Content-Length", String.valueOf(plain.length))
                .extract()
                .asByteArray();
        assertArrayEquals(plain, served, "the photo as sent, only its EXIF segment gone");
    }

    /** The photos of this upload, which must pass every check. */
    static List<Photos.Photo> accepted(UploadedFile upload) {
        List<String> problems = new ArrayList<>();
        List<Photos.Photo> photos = Photos.check(List.of(upload), problems);
        assertEquals(List.of(), problems);
        return photos;
    }

    /** The database id of a new request, to store photos for. */
    static long newRequest(Db db) {
        return Long.parseLong(db.value(
                "SELECT id FROM service_requests WHERE service_request_id = ?", Api.postPothole("a big photo")));
    }

    private void storeOnce(long requestId) throws IOException {
        UploadedFile small = LargeUploads.upload(LargeUploads.withExif(tinyJpeg()), "warm.jpg", "image/jpeg");
        List<Photos.Photo> photos = Photos.check(List.of(small), new ArrayList<>());
        QuarkusTransaction.requiringNew().run(() -> storage.store(requestId, photos));
    }

    private static byte[] tinyJpeg() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "jpg", out);
        return out.toByteArray();
    }
}
