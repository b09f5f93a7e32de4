package io.github.open311server.services;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.Api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasXPath;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ServicesEndpointTest {

    @Test
    void listActiveServicesInXml() {
        given().when()
                .get(Api.V2 + "/services.xml")
                .then()
                .statusCode(200)
                .contentType(Api.XML)
                .body(hasXPath("count(/services/service)", equalTo("4")))
                .body(hasXPath("/services/service[service_code='POTHOLE']/service_name", equalTo("Pothole in roadway")))
                .body(hasXPath("/services/service[service_code='POTHOLE']/metadata", equalTo("false")))
                .body(hasXPath("/services/service[service_code='POTHOLE']/type", equalTo("realtime")))
                .body(hasXPath("/services/service[service_code='POTHOLE']/keywords", equalTo("pothole,road,asphalt")))
                .body(hasXPath("/services/service[service_code='POTHOLE']/group", equalTo("Streets")))
                .body(hasXPath("/services/service[service_code='GRAF-01']/metadata", equalTo("true")))
                .body(hasXPath("/services/service[service_code='GRAF-01']/type", equalTo("batch")))
                .body(hasXPath("/services/service[service_code='NOISE']/type", equalTo("blackbox")))
                .body(hasXPath("count(/services/service[service_code='RETIRED'])", equalTo("0")));
    }

    @Test
    void listServicesInJsonAsABareArrayWithRealBooleans() {
        given().when()
                .get(Api.V2 + "/services.json")
                .then()
                .statusCode(200)
                .contentType(Api.JSON)
                .body("$", hasSize(4))
                .body("find { it.service_code == 'GRAF-01' }.metadata", equalTo(true))
                .body("find { it.service_code == 'POTHOLE' }.metadata", equalTo(false))
                .body("service_code", not(hasItem("RETIRED")));
    }

    @Test
    void serveADefinitionUsingAllSixDatatypesInXml() {
        given().when()
                .get(Api.V2 + "/services/GRAF-01.xml")
                .then()
                .statusCode(200)
                .contentType(Api.XML)
                .body(hasXPath("/service_definition/service_code", equalTo("GRAF-01")))
                .body(hasXPath("count(/service_definition/attributes/attribute)", equalTo("7")))
                .body(hasXPath("/service_definition/attributes/attribute[code='NOTICE']/variable", equalTo("false")))
                .body(hasXPath(
                        "/service_definition/attributes/attribute[code='SURFACE']/datatype",
                        equalTo("singlevaluelist")))
                .body(hasXPath("/service_definition/attributes/attribute[code='SURFACE']/required", equalTo("true")))
                .body(hasXPath("/service_definition/attributes/attribute[code='SURFACE']/order", equalTo("2")))
                .body(hasXPath(
                        "/service_definition/attributes/attribute[code='SURFACE']/values/value[1]/key",
                        equalTo("wall")))
                .body(hasXPath(
                        "/service_definition/attributes/attribute[code='SURFACE']/values/value[1]/name",
                        equalTo("Wall or fence")))
                .body(hasXPath(
                        "/service_definition/attributes/attribute[code='COLOURS']/datatype", equalTo("multivaluelist")))
                .body(hasXPath("/service_definition/attributes/attribute[code='AREA_M2']/datatype", equalTo("number")))
                .body(hasXPath(
                        "/service_definition/attributes/attribute[code='SEEN_AT']/datatype", equalTo("datetime")))
                .body(hasXPath("/service_definition/attributes/attribute[code='WORDING']/datatype", equalTo("string")))
                .body(hasXPath("/service_definition/attributes/attribute[code='DETAILS']/datatype", equalTo("text")))
                .body(hasXPath("count(/service_definition/attributes/attribute[code='AREA_M2']/values)", equalTo("0")));
    }

    @Test
    void serveADefinitionInJsonWithTypedValues() {
        given().when()
                .get(Api.V2 + "/services/GRAF-01.json")
                .then()
                .statusCode(200)
                .contentType(Api.JSON)
                .body("service_code", equalTo("GRAF-01"))
                .body("attributes", hasSize(7))
                .body("attributes[1].required", equalTo(true))
                .body("attributes[1].order", equalTo(2))
                .body("attributes[1].values", hasSize(3))
                .body("attributes[3].values", nullValue());
    }

    @Test
    void serveAnEmptyDefinitionForAServiceWithoutAttributes() {
        given().when()
                .get(Api.V2 + "/services/POTHOLE.xml")
                .then()
                .statusCode(200)
                .body(hasXPath("/service_definition/service_code", equalTo("POTHOLE")))
                .body(hasXPath("count(/service_definition/attributes)", equalTo("1")))
                .body(hasXPath("count(/service_definition/attributes/attribute)", equalTo("0")));
        given().when()
                .get(Api.V2 + "/services/POTHOLE.json")
                .then()
                .statusCode(200)
                .body("attributes", hasSize(0));
    }

    @Test
    void splitTheFormatAtTheLastDotOfACodeThatContainsDots() {
        given().when()
                .get(Api.V2 + "/services/TREE.PRUNE.json")
                .then()
                .statusCode(200)
                .body("service_code", equalTo("TREE.PRUNE"));
    }

    @Test
    void return404ErrorsDocumentForUnknownServiceCode() {
        given().when()
                .get(Api.V2 + "/services/NOPE.xml")
                .then()
                .statusCode(404)
                .contentType(Api.XML)
                .body(hasXPath("/errors/error/code", equalTo("404")))
                .body(hasXPath("/errors/error/description", equalTo("service_code 'NOPE' not found")));
        given().when()
                .get(Api.V2 + "/services/RETIRED.json")
                .then()
                .statusCode(404)
                .body("[0].code", equalTo(404));
    }

    @Test
    void emptyJurisdictionIdBehavesAsAbsent() {
        given().queryParam("jurisdiction_id", "")
                .when()
                .get(Api.V2 + "/services.json")
                .then()
                .statusCode(200)
                .body("$", hasSize(4));
    }
}
