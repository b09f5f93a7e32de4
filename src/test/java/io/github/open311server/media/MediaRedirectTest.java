package io.github.open311server.media;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.github.open311server.support.Api;
import io.github.open311server.support.Db;
import io.github.open311server.support.S3ProxyResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** serve=redirect: a public photo is a redirect to a short-lived pre-signed URL of the store, which works. */
@QuarkusTest
@TestProfile(MediaRedirectTest.Redirected.class)
class MediaRedirectTest {

    public static class Redirected implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("open311.media.s3.serve", "redirect", "open311.media.s3.presigned-for", "2m");
        }
    }

    @Inject
    Db db;

    @Test
    void aPublicPhotoIsARedirectToThePresignedObject() throws Exception {
        String id = Api.fileWithPhoto(null);
        String media = db.value(
                "SELECT m.id::text FROM request_media m JOIN service_requests r ON r.id = m.request_ref"
                        + " WHERE r.service_request_id = ?",
                id);
        String location = given().redirects()
                .follow(false)
                .when()
                .get(Api.V2 + "/media/" + media)
                .then()
                .statusCode(307)
                .header("Location", containsString("X-Amz-Signature="))
                .header("Location", containsString("X-Amz-Expires=120"))
                .header("Location", startsWith("http://127.0.0.1:"))
                .extract()
                .header("Location");
        HttpResponse<byte[]> object = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, object.statusCode());
        assertEquals("image/png", object.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(MediaObjectStoreTest.object(media), object.body());
        // a hidden or unknown photo is still decided here: no redirect for it
        given().redirects()
                .follow(false)
                .when()
                .get(Api.V2 + "/media/" + java.util.UUID.randomUUID())
                .then()
                .statusCode(404);
    }
}
