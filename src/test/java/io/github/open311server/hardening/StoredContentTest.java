package io.github.open311server.hardening;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;

import io.github.open311server.support.Api;
import io.github.open311server.support.Db;
import io.github.open311server.support.Tokens;

import static io.github.open311server.support.Api.KEY;
import static io.github.open311server.support.Api.V2;
import static io.github.open311server.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No input can make a later answer ill-formed: characters XML 1.0 forbids are refused at every door,
 * and whatever the database holds anyway (an old row, a hand edit) is published well-formed.
 */
@QuarkusTest
class StoredContentTest {

    private static final List<String> FORBIDDEN = List.of("\u0001", "\u0008", "\u001b", "\ufffe", "\uffff", "\u007f");

    @Inject
    Db db;

    @Test
    void forbiddenCharactersAreRefusedInFormsMultipartUpdatesAndJson() {
        for (String bad : FORBIDDEN) {
            post(
                            "xml",
                            "api_key",
                            KEY,
                            "service_code",
                            "POTHOLE",
                            "lat",
                            "39.78",
                            "long",
                            "-89.65",
                            "description",
                            "a" + bad)
                    .statusCode(400)
                    .body(Matchers.hasXPath("/errors/error/description", containsString("not allowed in text")));
            post(
                            "json",
                            "api_key",
                            KEY,
                            "service_code",
                            "POTHOLE",
                            "lat",
                            "39.78",
                            "long",
                            "-89.65",
                            "media_url",
                            "http://example.org/" + bad + ".jpg")
                    .statusCode(400);
            given().multiPart("api_key", KEY)
                    .multiPart("service_code", "POTHOLE")
                    .multiPart("lat", "39.78")
                    .multiPart("long", "-89.64")
                    .multiPart(new MultiPartSpecBuilder(("b" + bad).getBytes(StandardCharsets.UTF_8))
                            .controlName("description")
                            .mimeType("text/plain")
                            .emptyFileName()
                            .build())
                    .when()
                    .post(V2 + "/requests.json")
                    .then()
                    .statusCode(400);
            Api.form()
                    .formParam("api_key", KEY)
                    .formParam("service_request_id", "SR-0000001")
                    .formParam("status", "open")
                    .formParam("description", "c" + bad)
                    .when()
                    .post(V2 + "/servicerequestupdates.json")
                    .then()
                    .statusCode(400);
            given().auth()
                    .oauth2(Tokens.admin("testcity.example"))
                    .contentType("application/json")
                    .body("{\"service_name\":\"Bad" + jsonEscape(bad)
                            + "\",\"description\":\"x\",\"type\":\"realtime\"}")
                    .when()
                    .put("/admin/v1/jurisdictions/testcity.example/services/BADNAME")
                    .then()
                    .statusCode(400)
                    .body("[0].description", containsString("not allowed in text"));
        }
        assertEquals("0", db.value("SELECT count(*) FROM services WHERE service_code = 'BADNAME'"));
    }

    @Test
    void whateverTheDatabaseHoldsEveryXmlAnswerIsWellFormed() throws Exception {
        String id = Api.postPothole("to be poisoned");
        db.update(
                "UPDATE service_requests SET description = ?, media_urls = ARRAY[?] WHERE service_request_id = ?",
                "poisoned \u0001 \ufffe \uffff end",
                "http://example.org/\ufffe.jpg",
                id);
        for (String path : List.of(
                V2 + "/requests/" + id + ".xml",
                V2 + "/requests.xml?service_request_id=" + id,
                V2 + "/requests.xml?bbox=-89.66,39.77,-89.64,39.79&extensions=true")) {
            byte[] body =
                    given().when().get(path).then().statusCode(200).extract().asByteArray();
            String text = HostileInputTest.parse(body).getDocumentElement().getTextContent();
            assertTrue(text.contains("poisoned \ufffd \ufffd \ufffd end") || !path.contains(id), path + ": " + text);
        }
        given().when()
                .get(V2 + "/requests/" + id + ".json")
                .then()
                .statusCode(200)
                .body("[0].description", Matchers.equalTo("poisoned \ufffd \ufffd \ufffd end"));
        db.update("DELETE FROM service_requests WHERE service_request_id = ?", id); // other tests list every request
    }

    private static String jsonEscape(String c) {
        return String.format("\\u%04x", (int) c.charAt(0));
    }
}
