package io.github.open311server.requests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import io.github.open311server.support.Api;
import io.github.open311server.support.Db;

import static io.github.open311server.support.Api.KEY;
import static io.github.open311server.support.Api.V2;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Retries are safe: one Idempotency-Key files one request, whatever the timing. */
@QuarkusTest
class IdempotentPostTest {

    @Inject
    Db db;

    private static ValidatableResponse post(String key, String description) {
        return Api.form()
                .header("Idempotency-Key", key)
                .formParam("api_key", KEY)
                .formParam("service_code", "POTHOLE")
                .formParam("address_string", "7 Retry Rd")
                .formParam("description", description)
                .when()
                .post(V2 + "/requests.json")
                .then();
    }

    @Test
    void aRetryGetsTheFirstAnswerAndFilesNothingNew() {
        String key = UUID.randomUUID().toString();
        String description = "retry " + key;
        String first = post(key, description).statusCode(200).extract().path("[0].service_request_id");
        post(key, description).statusCode(200).body("[0].service_request_id", equalTo(first));
        post("\"" + key + "\"", description).statusCode(200).body("[0].service_request_id", equalTo(first));
        assertEquals("1", db.value("SELECT count(*) FROM service_requests WHERE description = ?", description));
    }

    @Test
    void theSameKeyWithAnotherPayloadIs422() {
        String key = UUID.randomUUID().toString();
        post(key, "one").statusCode(200);
        post(key, "another").statusCode(422).body("[0].code", equalTo(422));
    }

    @Test
    void concurrentRetriesFileExactlyOneRequest() throws Exception {
        String key = UUID.randomUUID().toString();
        String description = "concurrent " + key;
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread thread = new Thread(() ->
                    ids.add(post(key, description).statusCode(200).extract().path("[0].service_request_id")));
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(6, ids.size());
        assertEquals(1, new HashSet<>(ids).size(), ids.toString());
        assertEquals("1", db.value("SELECT count(*) FROM service_requests WHERE description = ?", description));
    }

    @Test
    void aFailedPostDoesNotUseUpItsKey() {
        String key = UUID.randomUUID().toString();
        Api.form()
                .header("Idempotency-Key", key)
                .formParam("api_key", KEY)
                .formParam("service_code", "POTHOLE")
                .when()
                .post(V2 + "/requests.json")
                .then()
                .statusCode(400);
        post(key, "after a failure").statusCode(200);
    }

    @Test
    void malformedKeysAre400() {
        post("x".repeat(300), "too long").statusCode(400);
    }
}
