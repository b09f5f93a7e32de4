package georeport.conformance.getrequest;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import georeport.conformance.support.Api;
import georeport.conformance.support.Checks;
import georeport.conformance.support.Compare;
import georeport.conformance.support.DocKind;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fixtures;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Http;

import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET Service Request (spec 2.7). */
@DisplayName("getrequest")
class GetRequestChecks {

    static Http.Response one(String id, Fmt f) {
        return Api.get("requests/" + Http.seg(id) + "." + f.suffix).send();
    }

    static String anId() {
        return Fixtures.someIds(1).get(0);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("2.7 requests/{id}.{xml,json} answers exactly one request (a 1-element list) with that id")
    void singleRequest(Fmt f) {
        String id = anId();
        Http.Response r = one(id, f);
        Docs.Doc d = Docs.expect(r, DocKind.REQUESTS, f);
        assertEquals(1, items(d.tree()).size(), "requests/" + id + " must hold exactly one request: " + r.describe());
        assertEquals(id, str(items(d.tree()).get(0), "service_request_id"), "service_request_id of requests/" + id);
    }

    @Test
    @DisplayName("1.2 requests/{id}.xml and .json carry the same content (field by field)")
    void xmlEqualsJson() {
        String id = anId();
        JsonNode x = Docs.expect(one(id, Fmt.XML), DocKind.REQUESTS, Fmt.XML).tree();
        JsonNode j = Docs.expect(one(id, Fmt.JSON), DocKind.REQUESTS, Fmt.JSON).tree();
        List<String> diff = Compare.diff(x, j);
        assertTrue(diff.isEmpty(), "requests/" + id + " XML and JSON differ: " + diff);
    }

    @Test
    @DisplayName("2.7 requests/{id} has the same fields as the request in GET requests?service_request_id={id}")
    void sameAsInList() {
        String id = anId();
        JsonNode single =
                Docs.expect(one(id, Fmt.JSON), DocKind.REQUESTS, Fmt.JSON).tree();
        JsonNode listed = Docs.expect(
                        Api.get("requests.json").param("service_request_id", id).send(), DocKind.REQUESTS, Fmt.JSON)
                .tree();
        assertEquals(single, listed, "requests/" + id + ".json differs from requests.json?service_request_id=" + id);
    }

    @Test
    @DisplayName("1.7 ids containing '-' and letters work in the path")
    void idsWithDashAndLetters() {
        List<String> ids = Fixtures.someIds(50);
        String odd = ids.stream()
                .filter(i -> i.contains("-") && i.chars().anyMatch(Character::isLetter))
                .findFirst()
                .orElse(null);
        Checks.skipIf(odd == null, "the server's ids contain no '-' with letters (e.g. " + ids.get(0) + ")");
        Docs.Doc d = Docs.expect(one(odd, Fmt.JSON), DocKind.REQUESTS, Fmt.JSON);
        assertEquals(odd, str(items(d.tree()).get(0), "service_request_id"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("1.4 requests/{id} with jurisdiction_id= (empty) answers exactly as without it")
    void emptyJurisdiction(Fmt f) {
        String id = anId();
        Docs.Doc a = Docs.expect(one(id, f), DocKind.REQUESTS, f);
        Http.Response r = Api.get("requests/" + Http.seg(id) + "." + f.suffix)
                .param("jurisdiction_id", "")
                .send();
        Docs.Doc b = Docs.expect(r, DocKind.REQUESTS, f);
        assertEquals(a.tree(), b.tree(), "answer differs with jurisdiction_id= : " + r.describe());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "1.7 an id with URL-encoded special characters (space, slash, dot) that does not exist -> 404 error document")
    void oddUnknownId(Fmt f) {
        Http.Response r = Api.get("requests/" + Http.seg("no such/id.v2 ü") + "." + f.suffix)
                .send();
        Docs.expectError(r, 404, f);
    }
}
