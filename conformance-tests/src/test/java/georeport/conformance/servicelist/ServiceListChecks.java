package georeport.conformance.servicelist;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Http;
import georeport.conformance.support.Json;

import static georeport.conformance.support.Trees.bool;
import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET Service List (spec 2.2). */
@DisplayName("servicelist")
class ServiceListChecks {

    static Docs.Doc services(Fmt f) {
        return Docs.expect(Api.get("services." + f.suffix).send(), DocKind.SERVICES, f);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("2.2 services.{xml,json} answers 200 with a valid service list")
    void serviceListIsValid(Fmt f) {
        services(f);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("2.2 every service has service_code, service_name, boolean metadata and type realtime|batch|blackbox")
    void requiredFields(Fmt f) {
        Docs.Doc d = services(f);
        // an empty list would satisfy "every service has ..." without looking at a single service
        assertTrue(
                !items(d.tree()).isEmpty(),
                "no services to check: the check would pass vacuously ("
                        + d.response().describe() + ")");
        List<String> problems = new ArrayList<>();
        for (JsonNode s : items(d.tree())) {
            String code = str(s, "service_code");
            if (code == null) {
                problems.add("a service without service_code: " + s);
            }
            if (str(s, "service_name") == null) {
                problems.add(code + ": no service_name");
            }
            if (bool(s, "metadata") == null) {
                problems.add(code + ": metadata is not true/false");
            }
            String type = str(s, "type");
            if (!Set.of("realtime", "batch", "blackbox").contains(String.valueOf(type))) {
                problems.add(code + ": type " + type);
            }
        }
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    @DisplayName("2.2 service_code values are unique")
    void uniqueCodes() {
        Set<String> seen = new HashSet<>();
        List<JsonNode> all = items(services(Fmt.XML).tree());
        // no service at all would make every code trivially unique
        assertTrue(!all.isEmpty(), "no services to check: the check would pass vacuously");
        for (JsonNode s : all) {
            assertTrue(seen.add(str(s, "service_code")), "service_code " + str(s, "service_code") + " is listed twice");
        }
    }

    @Test
    @DisplayName("1.2 services.xml and services.json carry the same content (field by field)")
    void xmlEqualsJson() {
        List<String> diff =
                Compare.diff(services(Fmt.XML).tree(), services(Fmt.JSON).tree());
        assertTrue(diff.isEmpty(), "service list XML and JSON differ: " + diff);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("1.4 services with jurisdiction_id= (empty) answers exactly as without it")
    void emptyJurisdiction(Fmt f) {
        Http.Response plain = Api.get("services." + f.suffix).send();
        Http.Response empty =
                Api.get("services." + f.suffix).param("jurisdiction_id", "").send();
        Docs.Doc a = Docs.expect(plain, DocKind.SERVICES, f);
        Docs.Doc b = Docs.expect(empty, DocKind.SERVICES, f);
        assertEquals(a.tree(), b.tree(), "answer differs with jurisdiction_id= : " + empty.describe());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "1.5 services with the configured jurisdiction_id answers as without one (single-jurisdiction servers)")
    void configuredJurisdiction(Fmt f) {
        String j = Config.server().jurisdiction;
        Checks.skipIf(j == null, "no jurisdiction given (-Dopen311.jurisdiction)");
        Http.Response without = Api.get("services." + f.suffix).noJurisdiction().send();
        Checks.skipIf(
                without.status() == 400,
                "the server requires jurisdiction_id (multi-jurisdiction): " + without.describe());
        Docs.Doc a = Docs.expect(without, DocKind.SERVICES, f);
        Docs.Doc b = Docs.expect(
                Api.get("services." + f.suffix).param("jurisdiction_id", j).send(), DocKind.SERVICES, f);
        assertEquals(a.tree(), b.tree(), "the list differs with jurisdiction_id=" + j);
    }

    @Test
    @DisplayName("1.2 services.json writes metadata as a JSON boolean literal, not a string (recommendation)")
    void booleanLiterals() throws Exception {
        Checks.recommendation();
        Http.Response r = Api.get("services.json").send();
        List<JsonNode> all = items(Json.parse(r.body()));
        // without a service there is no metadata value to look at
        assertTrue(!all.isEmpty(), "no services to check: the check would pass vacuously (" + r.describe() + ")");
        for (JsonNode s : all) {
            assertTrue(
                    s.path("metadata").isBoolean(),
                    "service " + str(s, "service_code") + " has metadata " + s.get("metadata"));
        }
    }

    @Test
    @DisplayName("1.4 unknown query parameters are ignored (recommendation)")
    void unknownParameters() {
        Checks.recommendation();
        Docs.Doc a = services(Fmt.JSON);
        Docs.Doc b = Docs.expect(
                Api.get("services.json")
                        .param("conformance_unknown", "1")
                        .param("page_hint", "x")
                        .send(),
                DocKind.SERVICES,
                Fmt.JSON);
        assertEquals(a.tree(), b.tree(), "unknown parameters changed the answer");
    }
}
