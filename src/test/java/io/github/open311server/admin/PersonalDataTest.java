package io.github.open311server.admin;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.clients.Sha256;
import io.github.open311server.support.Api;
import io.github.open311server.support.CityApi;
import io.github.open311server.support.Db;
import io.github.open311server.support.TestSigningKeys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention, the right to erasure and the audit of personal data reads. */
@QuarkusTest
@QuarkusTestResource(TestSigningKeys.class)
class PersonalDataTest {

    private static final String SETTINGS = CityApi.ADMIN + "/settings";

    @Inject
    Db db;

    private static String fileWithEmail(String email, String description) {
        return Api.file("POTHOLE", "lat", "39.7817", "long", "-89.6501", "email", email, "description", description);
    }

    private String submitterEmail(String id) {
        return db.value(
                "SELECT p.email FROM request_submitters p JOIN service_requests r ON r.id = p.request_ref"
                        + " WHERE r.service_request_id = ?",
                id);
    }

    private void closedDaysAgo(String id, int days) {
        db.update(
                "UPDATE service_requests SET status = 'closed', detailed_status = 'resolved',"
                        + " closed_at = now() - ? * interval '1 day' WHERE service_request_id = ?",
                days,
                id);
    }

    @Test
    void retentionErasesExactlyThePersonalDataPastItsPeriod() throws Exception {
        String expired = fileWithEmail("old@example.org", "closed long ago");
        String recent = fileWithEmail("recent@example.org", "closed recently");
        String open = fileWithEmail("open@example.org", "still open");
        closedDaysAgo(expired, 40);
        closedDaysAgo(recent, 10);
        db.update(
                "UPDATE service_requests SET requested_datetime = now() - interval '400 days'"
                        + " WHERE service_request_id = ?",
                open);
        db.update(
                "UPDATE mail_jobs SET recipients = '{old@example.org}' WHERE request_ref ="
                        + " (SELECT id FROM service_requests WHERE service_request_id = ?) AND audience = 'citizen'",
                expired);
        try {
            CityApi.admin()
                    .body("{\"retention_days\": 30}")
                    .when()
                    .put(SETTINGS)
                    .then()
                    .statusCode(200)
                    .body("retention_days", equalTo(30));
            // the worker runs every 300 ms in tests: wait for the erasure it must make, with a bound
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (submitterEmail(expired) != null && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertNull(submitterEmail(expired), "erased once its 30 days after close had passed");
            assertEquals("recent@example.org", submitterEmail(recent), "closed 10 days ago: kept");
            assertEquals("open@example.org", submitterEmail(open), "open, however old: kept");
            assertEquals(
                    "0",
                    db.value(
                            "SELECT count(*) FROM mail_jobs m JOIN service_requests r ON r.id = m.request_ref"
                                    + " WHERE r.service_request_id = ? AND m.recipients IS NOT NULL"
                                    + " AND m.audience = 'citizen'",
                            expired),
                    "the addresses its mail went to are erased too");
            // the request itself stays, as the public knows it
            CityApi.staff()
                    .when()
                    .get(CityApi.STAFF + expired)
                    .then()
                    .statusCode(200)
                    .body("submitter", equalTo(null))
                    .body("description", equalTo("closed long ago"));
            List<Map<String, Object>> receipts = CityApi.admin()
                    .when()
                    .get(CityApi.ADMIN + "/erasures")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("findAll { it.reason == 'retention' }");
            assertTrue(
                    receipts.stream().anyMatch(r -> ((List<?>) r.get("service_request_ids")).contains(expired)),
                    receipts.toString());
            assertTrue(receipts.stream()
                    .noneMatch(r -> ((List<?>) r.get("service_request_ids")).contains(recent)
                            || ((List<?>) r.get("service_request_ids")).contains(open)));
        } finally {
            CityApi.admin()
                    .body("{\"retention_days\": 0}")
                    .when()
                    .put(SETTINGS)
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void retentionTakesThePhotosWhenTheJurisdictionSaysSo() throws Exception {
        String expired = withPhoto("photo.old@example.org");
        String recent = withPhoto("photo.recent@example.org");
        closedDaysAgo(expired, 40);
        closedDaysAgo(recent, 10);
        String expiredMedia = mediaId(expired);
        String recentMedia = mediaId(recent);
        try {
            CityApi.admin()
                    .body("{\"retention_days\": 30, \"retention_erases_photos\": true}")
                    .when()
                    .put(SETTINGS)
                    .then()
                    .statusCode(200)
                    .body("retention_erases_photos", equalTo(true));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"0".equals(photos(expired)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals("0", photos(expired), "the expired request's photo is erased");
            assertEquals("1", photos(recent), "the recent one's stays");
            given().when().get(Api.V2 + "/media/" + expiredMedia).then().statusCode(404);
            given().when().get(Api.V2 + "/media/" + recentMedia).then().statusCode(200);
            CityApi.staff().when().get(CityApi.STAFF + expired).then().body("media_urls", equalTo(List.of()));
            assertEquals(
                    false,
                    db.value(
                                    "SELECT string_agg(e.payload::text, ' ') FROM events e JOIN service_requests r"
                                            + " ON r.id = e.request_ref WHERE r.service_request_id = ?",
                                    expired)
                            .contains(expiredMedia),
                    "no stored event links the photo");
        } finally {
            CityApi.admin()
                    .body("{\"retention_days\": 0, \"retention_erases_photos\": false}")
                    .when()
                    .put(SETTINGS)
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void theRightToErasureTakesThePhotosToo() throws Exception {
        String id = withPhoto("photo.erase@example.org");
        String media = mediaId(id);
        CityApi.admin()
                .body("{\"email\": \"photo.erase@example.org\"}")
                .when()
                .post(CityApi.ADMIN + "/erasures")
                .then()
                .statusCode(201)
                .body("service_request_ids", equalTo(List.of(id)))
                .body("photos", equalTo(1));
        assertEquals("0", photos(id));
        given().when().get(Api.V2 + "/media/" + media).then().statusCode(404);
        given().when()
                .get(Api.V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].media_url", equalTo(null));
    }

    private static String withPhoto(String email) {
        return Api.fileWithPhoto(email);
    }

    private String mediaId(String id) {
        return db.value(
                "SELECT m.id::text FROM request_media m JOIN service_requests r ON r.id = m.request_ref"
                        + " WHERE r.service_request_id = ?",
                id);
    }

    private String photos(String id) {
        return db.value(
                "SELECT count(*) FROM request_media m JOIN service_requests r ON r.id = m.request_ref"
                        + " WHERE r.service_request_id = ?",
                id);
    }

    @Test
    void aCitizensDataIsErasedOnRequestWithAReceipt() {
        String first = fileWithEmail("Mixed.Case@Example.org", "first");
        String second = fileWithEmail("mixed.case@example.org", "second");
        String other = fileWithEmail("someone.else@example.org", "other");
        Map<String, Object> receipt = CityApi.admin()
                .body("{\"email\": \"MIXED.case@example.org\"}")
                .when()
                .post(CityApi.ADMIN + "/erasures")
                .then()
                .statusCode(201)
                .body("reason", equalTo("request"))
                .body("actor", equalTo("staff:root"))
                .body("subject_sha256", equalTo(Sha256.hex("mixed.case@example.org")))
                .extract()
                .as(Map.class);
        assertEquals(List.of(first, second), receipt.get("service_request_ids"));
        assertNotNull(receipt.get("erased_at"));
        assertNull(submitterEmail(first));
        assertNull(submitterEmail(second));
        assertEquals("someone.else@example.org", submitterEmail(other));

        CityApi.staff()
                .body("{\"email\": \"someone.else@example.org\"}")
                .when()
                .post(CityApi.ADMIN + "/erasures")
                .then()
                .statusCode(403);
        CityApi.admin()
                .body("{\"email\": \"not an address\"}")
                .when()
                .post(CityApi.ADMIN + "/erasures")
                .then()
                .statusCode(400)
                .body("[0].code", equalTo(400));
        assertEquals("someone.else@example.org", submitterEmail(other));
    }

    @Test
    void everyStaffReadOfPersonalDataIsRecorded() {
        String withData = fileWithEmail("audited@example.org", "audited");
        String withoutData = Api.postPothole("no personal data");
        CityApi.staff().when().get(CityApi.STAFF + withData).then().statusCode(200);
        CityApi.staff().when().get(CityApi.STAFF + withoutData).then().statusCode(200);
        List<Map<String, Object>> reads = CityApi.admin()
                .queryParam("service_request_id", withData)
                .when()
                .get(CityApi.ADMIN + "/personal-data-reads")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        assertEquals(1, reads.size(), reads.toString());
        assertEquals("staff:alice", reads.get(0).get("actor"));
        assertNotNull(reads.get(0).get("read_datetime"));
        List<Object> none = CityApi.admin()
                .queryParam("service_request_id", withoutData)
                .when()
                .get(CityApi.ADMIN + "/personal-data-reads")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        assertEquals(List.of(), none, "a request without personal data shows none to read");
        CityApi.staff()
                .when()
                .get(CityApi.ADMIN + "/personal-data-reads")
                .then()
                .statusCode(403);
    }
}
