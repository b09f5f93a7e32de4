package io.github.open311server.requests;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Api;
import io.github.open311server.support.Db;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Public ids stay unique past the ten millionth request: seven digits below it, every digit from there on. */
@QuarkusTest
class RequestIdsTest {

    @Inject
    Db db;

    @Test
    void idsAreSevenDigitsBelowTenMillionAndWholeAbove() {
        assertEquals(
                "SR-0000123|SR-9999999|SR-10000000|SR-10000001|SR-123456789",
                db.value("SELECT concat_ws('|', service_request_id_of(123), service_request_id_of(9999999),"
                        + " service_request_id_of(10000000), service_request_id_of(10000001),"
                        + " service_request_id_of(123456789))"));
    }

    @Test
    void theTenMillionAndFirstRequestIsFiledUnderItsOwnId() {
        long before = Long.parseLong(db.value("SELECT last_value FROM service_request_number"));
        try {
            db.value("SELECT setval('service_request_number', 10000000)");
            String id = Api.post(
                            "json", "api_key", Api.KEY, "service_code", "POTHOLE", "address_string", "1 Ten Million St")
                    .statusCode(200)
                    .extract()
                    .path("[0].service_request_id");
            assertEquals("SR-10000001", id);
        } finally {
            // the ids handed out meanwhile are longer than any later one: no later id can repeat them
            db.value("SELECT setval('service_request_number', ?)", before);
        }
    }
}
