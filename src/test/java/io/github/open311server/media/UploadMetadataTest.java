package io.github.open311server.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.github.open311server.support.Api.KEY;
import static io.github.open311server.support.Api.V2;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A citizen's photo is published without what it says about the phone that took it. */
@QuarkusTest
class UploadMetadataTest {

    static final String SECRET = "GPSLatitude 48.137154 Pixel-9 serial 0042";

    @Test
    void exifGpsAndCommentsAreStrippedAndOrientationIsApplied() throws Exception {
        byte[] photo = jpegWithExif(6); // "rotate 90 degrees clockwise to view"
        assertTrue(contains(photo, SECRET), "the fixture carries the metadata");
        byte[] served = upload(photo, "street.jpg", "image/jpeg");
        assertFalse(contains(served, SECRET), "EXIF survived");
        assertFalse(contains(served, "Exif"), "an EXIF segment survived");
        assertFalse(contains(served, "private note"), "a JPEG comment survived");
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(served));
        assertEquals(16, upright.getWidth(), "width and height swap for orientation 6");
        assertEquals(32, upright.getHeight());
        // the left half (red) of the stored pixels is the top half once turned clockwise
        assertTrue(new Color(upright.getRGB(8, 4)).getRed() > 200, "top is red");
        assertTrue(new Color(upright.getRGB(8, 28)).getBlue() > 200, "bottom is blue");
    }

    /**
     * A small file whose frame header claims 60,000 x 60,000 pixels: decoding it would take far more than the heap.
     * It is stored without being decoded, its metadata gone, with an EXIF segment that holds only the orientation.
     */
    @Test
    void aPhotoThatClaimsBillionsOfPixelsIsNeverDecoded() throws Exception {
        byte[] photo = jpegWithExif(6);
        int frame = indexOf(photo, new byte[] {(byte) 0xFF, (byte) 0xC0});
        assertTrue(frame > 0, "the fixture has a baseline frame header");
        for (int at : new int[] {frame + 5, frame + 7}) { // height, then width: 60000 each
            photo[at] = (byte) 0xEA;
            photo[at + 1] = (byte) 0x60;
        }
        byte[] served = upload(photo, "bomb.jpg", "image/jpeg");
        assertFalse(contains(served, SECRET), "EXIF survived");
        assertFalse(contains(served, "private note"), "a JPEG comment survived");
        byte[] orientationOnly = {
            'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0
        };
        assertTrue(indexOf(served, orientationOnly) > 0, "the orientation is kept, and nothing else of EXIF");
        int servedFrame = indexOf(served, new byte[] {(byte) 0xFF, (byte) 0xC0});
        assertEquals(0x60, served[servedFrame + 8] & 0xFF, "the pixels stay as they were sent, never re-encoded");
        given().when().get(V2 + "/services.json").then().statusCode(200);
    }

    @Test
    void pngTextChunksAreStrippedAndTheImageStaysIntact() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB), "png", png);
        byte[] plain = png.toByteArray();
        byte[] withText = insertAfterHeader(plain, pngChunk("tEXt", "Comment\0" + SECRET));
        byte[] served = upload(withText, "hole.png", "image/png");
        assertFalse(contains(served, SECRET));
        Assertions.assertArrayEquals(plain, served);
    }

    /** Chunks of EXIF, XMP (odd-sized, so padded) and ICC go; VP8X no longer announces them; RIFF's size is right. */
    @Test
    void webpMetadataChunksAreStrippedAndTheContainerStaysConsistent() throws Exception {
        byte[] vp8x = webpChunk("VP8X", new byte[] {0x2C, 0, 0, 0, 3, 0, 0, 2, 0, 0}); // ICC, EXIF, XMP; 4x3
        byte[] pixels = webpChunk("VP8L", new byte[] {0x2F, 3, 0x40, 0, 0, 1, 2, 3, 4}); // odd: one pad byte
        byte[] exif = webpChunk("EXIF", SECRET.getBytes(StandardCharsets.US_ASCII));
        byte[] xmp = webpChunk("XMP ", "<x:xmpmeta>private note</x:xmpmeta>".getBytes(StandardCharsets.US_ASCII));
        byte[] icc = webpChunk("ICCP", new byte[] {1, 2, 3, 4});
        byte[] sent = riff(concat(concat(concat(vp8x, icc), concat(pixels, exif)), xmp));

        byte[] served = upload(sent, "wall.webp", "image/webp");

        byte[] kept = concat(webpChunk("VP8X", new byte[] {0, 0, 0, 0, 3, 0, 0, 2, 0, 0}), pixels);
        assertFalse(contains(served, SECRET), "EXIF survived");
        assertFalse(contains(served, "private note"), "XMP survived");
        Assertions.assertArrayEquals(riff(kept), served);
    }

    /** A chunk that claims more bytes than the file has is refused, never published half-stripped. */
    @Test
    void aPngWhoseChunkRunsPastTheFileIsRefused() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB), "png", png);
        byte[] broken = insertAfterHeader(png.toByteArray(), pngChunk("tEXt", "Comment\0" + SECRET));
        broken[8 + 25 + 3] = (byte) 0x7F; // the tEXt chunk's length: 127 more bytes than it has
        byte[] truncated = Arrays.copyOf(broken, 8 + 25 + 60);
        given().multiPart("api_key", KEY)
                .multiPart("service_code", "POTHOLE")
                .multiPart("lat", "39.78")
                .multiPart("long", "-89.64")
                .multiPart("media", "broken.png", truncated, "image/png")
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(400)
                .body("[0].code", equalTo(400))
                .body("[0].description", equalTo("The uploaded image is damaged"));
    }

    private static byte[] webpChunk(String fourcc, byte[] data) {
        int n = data.length;
        byte[] header = concat(
                fourcc.getBytes(StandardCharsets.ISO_8859_1),
                new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
        return concat(concat(header, data), (n & 1) == 1 ? new byte[] {0} : new byte[0]);
    }

    private static byte[] riff(byte[] chunks) {
        int n = chunks.length + 4;
        return concat(
                concat(
                        "RIFF".getBytes(StandardCharsets.ISO_8859_1),
                        new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)}),
                concat("WEBP".getBytes(StandardCharsets.ISO_8859_1), chunks));
    }

    private static byte[] upload(byte[] bytes, String name, String type) {
        String id = given().multiPart("api_key", KEY)
                .multiPart("service_code", "POTHOLE")
                .multiPart("lat", "39.78")
                .multiPart("long", "-89.64")
                .multiPart("media", name, bytes, type)
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        String url = given().when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].media_url");
        return given().when().get(url).then().statusCode(200).extract().asByteArray();
    }

    /** A 32x16 JPEG, left half red and right half blue, with an APP1 Exif segment and a comment. */
    static byte[] jpegWithExif(int orientation) throws Exception {
        BufferedImage image = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 16, 16);
        g.setColor(Color.BLUE);
        g.fillRect(16, 0, 16, 16);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", jpeg);
        byte[] plain = jpeg.toByteArray();

        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.write(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8}); // big-endian TIFF, IFD0 at 8
        tiff.write(new byte[] {0, 1}); // one entry
        tiff.write(new byte[] {0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0}); // Orientation SHORT
        tiff.write(new byte[] {0, 0, 0, 0}); // no next IFD
        tiff.write(SECRET.getBytes(StandardCharsets.US_ASCII));
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.toByteArray());
        byte[] comment = "private note".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2);
        out.write(segment(0xE1, exif));
        out.write(segment(0xFE, comment));
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    private static byte[] segment(int marker, byte[] data) {
        int length = data.length + 2;
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}, data);
    }

    private static byte[] pngChunk(String type, String data) {
        byte[] body = concat(type.getBytes(StandardCharsets.ISO_8859_1), data.getBytes(StandardCharsets.ISO_8859_1));
        CRC32 crc = new CRC32();
        crc.update(body);
        long c = crc.getValue();
        int n = data.length();
        return concat(
                concat(new byte[] {(byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n}, body),
                new byte[] {(byte) (c >> 24), (byte) (c >> 16), (byte) (c >> 8), (byte) c});
    }

    /** After the 8-byte signature and the 25-byte IHDR chunk. */
    private static byte[] insertAfterHeader(byte[] png, byte[] chunk) {
        int at = 8 + 25;
        return concat(concat(Arrays.copyOfRange(png, 0, at), chunk), Arrays.copyOfRange(png, at, png.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
