package io.github.open311server.media;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.GreenMailResource;
import io.github.open311server.support.Tokens;

import static io.github.open311server.support.Api.KEY;
import static io.github.open311server.support.Api.V2;
import static io.github.open311server.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staff attach the photo of the fix to a status change: public, without metadata, and in the citizen's mail. */
@QuarkusTest
class PhotoOfTheFixTest {

    private static final String STAFF = "/staff/v1/jurisdictions/testcity.example/requests/";

    @Test
    void thePhotoOfTheFixIsPublishedWithoutExifAndReachesTheCitizen() throws Exception {
        String citizen = "fixed@example.org";
        String id = post(
                        "json",
                        "api_key",
                        KEY,
                        "service_code",
                        "POTHOLE",
                        "address_string",
                        "3 Mill St",
                        "email",
                        citizen)
                .statusCode(200)
                .extract()
                .path("[0].service_request_id");
        byte[] photo = UploadMetadataTest.jpegWithExif(1);
        String staff = Tokens.staff("testcity.example");
        String version = String.valueOf((Integer) given().auth()
                .oauth2(staff)
                .when()
                .get(STAFF + id)
                .then()
                .statusCode(200)
                .extract()
                .path("version"));

        // an internal note alone cannot carry a published photo
        given().auth()
                .oauth2(staff)
                .multiPart("internal_note", "before")
                .multiPart("photo", "fix.jpg", photo, "image/jpeg")
                .multiPart("version", version)
                .when()
                .patch(STAFF + id)
                .then()
                .statusCode(400)
                .body("[0].description", containsString("photos are published"));
        given().auth()
                .oauth2(staff)
                .multiPart("detailed_status", "resolved")
                .multiPart("public_note", "Filled and sealed.")
                .multiPart("photo", "fix.txt", "not an image".getBytes(), "image/jpeg")
                .multiPart("version", version)
                .when()
                .patch(STAFF + id)
                .then()
                .statusCode(400)
                .body("[0].description", containsString("is not a JPEG"));
        given().auth()
                .oauth2(staff)
                .multiPart("detailed_status", "resolved")
                .multiPart("public_note", "Filled and sealed.")
                .multiPart("photo", "fix.jpg", photo, "image/jpeg")
                .header("If-Match", "\"" + version + "\"")
                .when()
                .patch(STAFF + id)
                .then()
                .statusCode(200)
                .body("detailed_status", org.hamcrest.Matchers.equalTo("resolved"));

        var request = given().queryParam("extensions", "true")
                .when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> media = request.getList("[0].extended_attributes.media_urls");
        assertEquals(1, media.size(), media.toString());
        List<String> historyPhotos = request.getList("[0].extended_attributes.history[1].media_urls");
        assertEquals(media, historyPhotos, "the history entry of the fix links the same photo");
        String link = media.get(0);
        assertTrue(link.matches("http://.*/open311/v2/media/[0-9a-f-]{36}"), link);
        given().when()
                .get(V2 + "/requests/" + id + ".xml")
                .then()
                .body(containsString("<media_url>" + link + "</media_url>"));

        byte[] served = given().when()
                .get(link.substring(link.indexOf("/open311/")))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertFalse(UploadMetadataTest.contains(served, UploadMetadataTest.SECRET), "EXIF survived");
        assertTrue(UploadMetadataTest.contains(photo, UploadMetadataTest.SECRET), "the fixture had it");

        MimeMessage closed = awaitClosed(citizen);
        String path = link.substring(link.indexOf("/open311/"));
        assertTrue(part(closed.getContent(), "text/plain").contains(path), "the mail links the photo of the fix");
        String html = part(closed.getContent(), "text/html");
        assertTrue(html.matches("(?s).*<img src=\"http://[^\"]+" + path + "\".*"), "and shows it in HTML: " + html);
    }

    private static String part(Object content, String type) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return (String) part.getContent();
                }
                String inner = part(part.getContent(), type);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static MimeMessage awaitClosed(String to) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage m : GreenMailResource.smtp().getReceivedMessages()) {
                boolean mine = Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> a.toString().contains(to));
                if (mine && m.getSubject().contains("closed")) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no closing mail to " + to);
    }
}
