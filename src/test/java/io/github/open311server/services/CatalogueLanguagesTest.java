package io.github.open311server.services;

import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.GreenMailResource;
import io.github.open311server.support.Mailbox;

import static io.github.open311server.support.Api.V2;
import static io.github.open311server.support.Api.file;
import static io.github.open311server.support.CityApi.ADMIN;
import static io.github.open311server.support.CityApi.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasXPath;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue in the citizen's language: translations managed by admins, answered for a {@code locale}
 * parameter or {@code Accept-Language}, the language stated in {@code Content-Language}, codes and keys
 * never translated, the city's own texts wherever a translation is missing.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class CatalogueLanguagesTest {

    private static void translate(String code, String locale, String json) {
        admin().body(json)
                .when()
                .put(ADMIN + "/services/" + code + "/translations/" + locale)
                .then()
                .statusCode(200);
    }

    @AfterEach
    void untranslate() {
        admin().when().delete(ADMIN + "/services/GRAF-01/translations/es");
        admin().when().delete(ADMIN + "/services/POTHOLE/translations/es");
    }

    private static void graffitiInSpanish() {
        translate("GRAF-01", "es", """
                {"service_name": "Grafiti en propiedad pública", "group": "Limpieza",
                 "description": "Pintura o firmas en propiedad municipal.",
                 "attributes": {"SURFACE": {"description": "¿Qué está pintado?", "datatype_description": "Elija uno",
                                            "values": {"wall": "Muro o valla"}}}}""");
    }

    @Test
    void theListAndTheDefinitionAnswerInTheLanguageAskedFor() {
        graffitiInSpanish();
        given().queryParam("locale", "es")
                .when()
                .get(V2 + "/services.json")
                .then()
                .statusCode(200)
                .header("Content-Language", "es")
                .header("Vary", containsString("Accept-Language"))
                .body("find { it.service_code == 'GRAF-01' }.service_name", equalTo("Grafiti en propiedad pública"))
                .body("find { it.service_code == 'GRAF-01' }.group", equalTo("Limpieza"))
                .body("find { it.service_code == 'GRAF-01' }.keywords", equalTo("graffiti,tag"))
                .body("find { it.service_code == 'POTHOLE' }.service_name", equalTo("Pothole in roadway"));
        given().header("Accept-Language", "fr-CA, es-MX;q=0.8, en;q=0.5")
                .when()
                .get(V2 + "/services.xml")
                .then()
                .statusCode(200)
                .header("Content-Language", "es")
                .body(hasXPath(
                        "/services/service[service_code='GRAF-01']/service_name",
                        equalTo("Grafiti en propiedad pública")));
        given().header("Accept-Language", "fr")
                .when()
                .get(V2 + "/services.json")
                .then()
                .header("Content-Language", "en")
                .body("find { it.service_code == 'GRAF-01' }.service_name", equalTo("Graffiti on public property"));
        given().queryParam("locale", "de")
                .header("Accept-Language", "es")
                .when()
                .get(V2 + "/services.json")
                .then()
                .header("Content-Language", "en");

        given().queryParam("locale", "es")
                .when()
                .get(V2 + "/services/GRAF-01.json")
                .then()
                .statusCode(200)
                .header("Content-Language", "es")
                .body("service_code", equalTo("GRAF-01"))
                .body("attributes.find { it.code == 'SURFACE' }.description", equalTo("¿Qué está pintado?"))
                .body("attributes.find { it.code == 'SURFACE' }.datatype_description", equalTo("Elija uno"))
                .body("attributes.find { it.code == 'SURFACE' }.datatype", equalTo("singlevaluelist"))
                .body(
                        "attributes.find { it.code == 'SURFACE' }.values.find { it.key == 'wall' }.name",
                        equalTo("Muro o valla"))
                .body(
                        "attributes.find { it.code == 'SURFACE' }.values.find { it.key == 'sign' }.name",
                        equalTo("Traffic sign"))
                .body("attributes.find { it.code == 'COLOURS' }.description", equalTo("Which colours are used?"));

        admin().when()
                .delete(ADMIN + "/services/GRAF-01/translations/es")
                .then()
                .statusCode(204);
        given().queryParam("locale", "es")
                .when()
                .get(V2 + "/services/GRAF-01.json")
                .then()
                .header("Content-Language", "en")
                .body("attributes.find { it.code == 'SURFACE' }.description", equalTo("What is painted?"));
    }

    @Test
    void translationsAreCheckedAgainstTheDefinition() {
        admin().body("{\"service_name\": \"x\", \"attributes\": {\"NOPE\": {\"description\": \"y\"}}}")
                .when()
                .put(ADMIN + "/services/GRAF-01/translations/es")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("NOPE is not an attribute of this service"));
        admin().body("{\"service_name\": \"x\", \"attributes\": {\"SURFACE\": {\"values\": {\"roof\": \"Tejado\"}}}}")
                .when()
                .put(ADMIN + "/services/GRAF-01/translations/es")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("roof is not a value key of SURFACE"));
        admin().body("{\"description\": \"no name\"}")
                .when()
                .put(ADMIN + "/services/GRAF-01/translations/es")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("service_name is required"));
        admin().body("{\"service_name\": \"Pothole\"}")
                .when()
                .put(ADMIN + "/services/POTHOLE/translations/en")
                .then()
                .statusCode(400)
                .body("[0].description", containsString("the jurisdiction's own language"));
        admin().body("{\"service_name\": \"x\"}")
                .when()
                .put(ADMIN + "/services/POTHOLE/translations/EN-gb")
                .then()
                .statusCode(400);
        admin().body("{\"service_name\": \"x\"}")
                .when()
                .put(ADMIN + "/services/NOPE/translations/es")
                .then()
                .statusCode(404);
        admin().body("{\"service_name\": \"x\", \"colour\": \"red\"}")
                .when()
                .put(ADMIN + "/services/POTHOLE/translations/es")
                .then()
                .statusCode(400);
        graffitiInSpanish();
        admin().when()
                .get(ADMIN + "/services/GRAF-01/translations")
                .then()
                .statusCode(200)
                .body("es.attributes.SURFACE.values.wall", equalTo("Muro o valla"));
    }

    @Test
    void theCitizensMailNamesTheServiceInTheirLanguage() throws Exception {
        translate("POTHOLE", "es", "{\"service_name\": \"Bache en la calzada\"}");
        String citizen = "bache@example.org";
        String id = file("POTHOLE", "address_string", "7 Elm St", "email", citizen, "locale", "es");
        MimeMessage ack = Mailbox.awaitSubject(citizen, id);
        assertTrue(
                Mailbox.subject(ack).equals("Hemos recibido su aviso " + id + ": Bache en la calzada"),
                Mailbox.subject(ack));
        List<Map<String, Object>> all = given().queryParam("locale", "es")
                .when()
                .get(V2 + "/services.json")
                .then()
                .extract()
                .path("");
        assertTrue(all.stream().anyMatch(s -> "Bache en la calzada".equals(s.get("service_name"))), all.toString());
    }
}
