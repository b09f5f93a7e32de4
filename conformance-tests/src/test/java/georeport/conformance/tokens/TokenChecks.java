package georeport.conformance.tokens;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import georeport.conformance.support.Api;
import georeport.conformance.support.Checks;
import georeport.conformance.support.Compare;
import georeport.conformance.support.Config;
import georeport.conformance.support.DocKind;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fixtures;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Http;

import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** GET service_request_id from a token (spec 2.5) and the token flow of batch services. */
@DisplayName("tokens")
class TokenChecks {

    static Http.Response token(String t, Fmt f) {
        return Api.get("tokens/" + Http.seg(t) + "." + f.suffix).send();
    }

    /** Polls tokens/{t}.json until it holds a service_request_id (up to open311.tokenWait seconds). */
    static String resolve(String t) {
        long deadline = System.currentTimeMillis() + Config.get().tokenWaitSeconds * 1000L;
        long pause = 250;
        Http.Response last;
        do {
            last = token(t, Fmt.JSON);
            Docs.Doc d = Docs.expect(last, DocKind.TOKEN_RESPONSE, Fmt.JSON);
            String id = str(items(d.tree()).get(0), "service_request_id");
            if (id != null) {
                return id;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pause = Math.min(pause * 2, 4000);
        } while (System.currentTimeMillis() < deadline);
        fail("token " + t + " did not resolve to a service_request_id within " + Config.get().tokenWaitSeconds
                + " s; last answer: " + last.describe());
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("2.5 tokens/{token}.{xml,json} answers one request holding the token (valid token document)")
    void tokenAnswer(Fmt f) {
        Fixtures.Created c = Fixtures.batch();
        Docs.Doc d = Docs.expect(token(c.token(), f), DocKind.TOKEN_RESPONSE, f);
        assertEquals(c.token(), str(items(d.tree()).get(0), "token"), "token echoed by tokens/{token}");
    }

    @Test
    @DisplayName(
            "2.5 a batch request's token resolves to a service_request_id (polled up to open311.tokenWait seconds)")
    void tokenResolves() {
        resolve(Fixtures.batch().token());
    }

    @Test
    @DisplayName("2.5 the resolved service_request_id is retrievable via requests/{id} and is the posted request")
    void resolvedIdIsTheRequest() {
        Fixtures.Created c = Fixtures.batch();
        String id = resolve(c.token());
        Http.Response r = Api.get("requests/" + Http.seg(id) + ".json").send();
        Docs.Doc d = Docs.expect(r, DocKind.REQUESTS, Fmt.JSON);
        assertEquals(1, items(d.tree()).size(), "requests/{id}: " + r.describe());
        JsonNode req = items(d.tree()).get(0);
        assertEquals(id, str(req, "service_request_id"));
        assertEquals(c.service().code(), str(req, "service_code"), "service_code of the request behind the token");
        assertEquals(
                c.form().get("description"), str(req, "description"), "description of the request behind the token");
    }

    @Test
    @DisplayName("1.2 tokens/{token}.xml and .json carry the same content (field by field)")
    void xmlEqualsJson() {
        Fixtures.Created c = Fixtures.batch();
        resolve(c.token());
        JsonNode x = Docs.expect(token(c.token(), Fmt.XML), DocKind.TOKEN_RESPONSE, Fmt.XML)
                .tree();
        JsonNode j = Docs.expect(token(c.token(), Fmt.JSON), DocKind.TOKEN_RESPONSE, Fmt.JSON)
                .tree();
        List<String> diff = Compare.diff(x, j);
        assertTrue(diff.isEmpty(), "token answer XML and JSON differ: " + diff);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("1.4 tokens/{token} with jurisdiction_id= (empty) answers exactly as without it")
    void emptyJurisdiction(Fmt f) {
        Fixtures.Created c = Fixtures.batch();
        resolve(c.token());
        Docs.Doc a = Docs.expect(token(c.token(), f), DocKind.TOKEN_RESPONSE, f);
        Http.Response r = Api.get("tokens/" + Http.seg(c.token()) + "." + f.suffix)
                .param("jurisdiction_id", "")
                .send();
        Docs.Doc b = Docs.expect(r, DocKind.TOKEN_RESPONSE, f);
        assertEquals(a.tree(), b.tree(), "token answer differs with jurisdiction_id= : " + r.describe());
    }

    @Test
    @DisplayName("2.5 the token is also accepted by GET requests/{token} once known (recommendation)")
    void tokenOnRequestsPath() {
        Checks.recommendation();
        Fixtures.Created c = Fixtures.batch();
        String id = resolve(c.token());
        Http.Response r = Api.get("requests/" + Http.seg(c.token()) + ".json").send();
        Docs.Doc d = Docs.expect(r, DocKind.REQUESTS, Fmt.JSON);
        assertEquals(1, items(d.tree()).size(), r.describe());
        assertEquals(
                id,
                str(items(d.tree()).get(0), "service_request_id"),
                "requests/{token} must return the request behind the token");
    }
}
