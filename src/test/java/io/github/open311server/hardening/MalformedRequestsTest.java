package io.github.open311server.hardening;

import java.io.ByteArrayInputStream;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import io.quarkus.test.junit.QuarkusTest;

import io.github.open311server.support.RawHttp;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the HTTP decoder refuses before any route runs is still answered with an Open311 error
 * document: XML when the request line (and so the format) could not be read, the path's format when
 * it could. The server goes on serving others afterwards.
 */
@QuarkusTest
class MalformedRequestsTest {

    private static Document xml(RawHttp.Answer answer) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(answer.body()));
    }

    private static void anXmlErrorDocument(RawHttp.Answer answer, int status) throws Exception {
        assertEquals(status, answer.status(), answer.text());
        assertTrue(answer.header("Content-Type").startsWith("text/xml"), answer.header("Content-Type"));
        Document errors = xml(answer);
        assertEquals("errors", errors.getDocumentElement().getNodeName());
        assertEquals(
                String.valueOf(status),
                errors.getElementsByTagName("code").item(0).getTextContent());
        assertTrue(errors.getElementsByTagName("description")
                        .item(0)
                        .getTextContent()
                        .length()
                > 10);
        assertEquals("close", answer.header("Connection"));
    }

    @Test
    void aRequestLineOverTheLimitGets414AsAnXmlDocument() throws Exception {
        String ids = "SR-1,".repeat(8_000); // 40 KB, over the 32 KB request line
        anXmlErrorDocument(
                RawHttp.send("GET", "/open311/v2/requests.json?service_request_id=" + ids, Map.of(), null), 414);
    }

    @Test
    void aHeaderSectionOverTheLimitGets431InThePathsFormat() throws Exception {
        RawHttp.Answer answer =
                RawHttp.send("GET", "/open311/v2/services.json", Map.of("X-Padding", "x".repeat(40_000)), null);
        assertEquals(431, answer.status(), answer.text());
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
        assertTrue(answer.text().matches("\\[\\{\"code\":431,\"description\":\"[^\"]+\"}]"), answer.text());
        anXmlErrorDocument(
                RawHttp.send("GET", "/open311/v2/services.xml", Map.of("X-Padding", "x".repeat(40_000)), null), 431);
    }

    @Test
    void aControlByteInAHeaderGets400() throws Exception {
        anXmlErrorDocument(RawHttp.send("GET", "/open311/v2/services.xml", Map.of("X-Note", "a\u0001b"), null), 400);
        RawHttp.Answer json = RawHttp.send("GET", "/open311/v2/services.json", Map.of("X-Note", "a\u0007b"), null);
        assertEquals(400, json.status());
        assertTrue(json.text().startsWith("[{\"code\":400,"), json.text());
    }

    @Test
    void aRequestLineThatDoesNotParseGets400AndOthersAreStillServed() throws Exception {
        anXmlErrorDocument(RawHttp.send("GET", "/open311/v2/services.json with spaces", Map.of(), null), 400);
        given().when().get("/open311/v2/services.json").then().statusCode(200);
    }
}
