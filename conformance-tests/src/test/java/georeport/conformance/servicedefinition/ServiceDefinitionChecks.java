package georeport.conformance.servicedefinition;

import java.math.BigDecimal;
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
import georeport.conformance.support.DocKind;
import georeport.conformance.support.Docs;
import georeport.conformance.support.Fmt;
import georeport.conformance.support.Http;
import georeport.conformance.support.Server;

import static georeport.conformance.support.Trees.bool;
import static georeport.conformance.support.Trees.list;
import static georeport.conformance.support.Trees.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET Service Definition (spec 2.3, section 3 attributes). */
@DisplayName("servicedefinition")
class ServiceDefinitionChecks {

    static List<Server.Service> withMetadata() {
        List<Server.Service> s = Server.model().services.stream()
                .filter(Server.Service::metadata)
                .toList();
        Checks.skipIf(s.isEmpty(), "no service has metadata=true, so no service definition is needed");
        return s;
    }

    static Http.Response definition(String code, Fmt f) {
        return Api.get("services/" + Http.seg(code) + "." + f.suffix).send();
    }

    /** Runs a check on every metadata=true service and reports every failing service at once. */
    interface PerService {
        void check(Server.Service s, Docs.Doc d);
    }

    static void forEachDefinition(Fmt f, PerService c) {
        List<String> failures = new ArrayList<>();
        for (Server.Service s : withMetadata()) {
            try {
                c.check(s, Docs.expect(definition(s.code(), f), DocKind.SERVICE_DEFINITION, f));
            } catch (AssertionError e) {
                failures.add(s.code() + ": " + e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " definition(s) fail: " + String.join(" || ", failures));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("2.3 services/{code}.{xml,json} answers 200 with a valid definition for every metadata=true service")
    void definitionsAreValid(Fmt f) {
        forEachDefinition(f, (s, d) -> {});
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("2.3 the definition's service_code equals the code in the path")
    void codeMatchesPath(Fmt f) {
        forEachDefinition(
                f, (s, d) -> assertEquals(s.code(), str(d.tree(), "service_code"), "service_code in the definition"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName(
            "2.3/3.1 attributes: known datatype, unique code, unique positive order; list datatypes have values with key and name")
    void attributesAreWellFormed(Fmt f) {
        Set<String> datatypes = Set.of("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist");
        int[] attributes = {0};
        forEachDefinition(f, (s, d) -> {
            Set<String> codes = new HashSet<>();
            Set<BigDecimal> orders = new HashSet<>();
            for (JsonNode a : list(d.tree(), "attributes")) {
                attributes[0]++;
                String code = str(a, "code");
                assertTrue(code != null && codes.add(code), "attribute code missing or repeated: " + code);
                assertTrue(
                        bool(a, "variable") != null && bool(a, "required") != null,
                        code + ": variable/required must be true/false");
                String dt = str(a, "datatype");
                assertTrue(datatypes.contains(String.valueOf(dt)), code + ": datatype " + dt);
                BigDecimal order = georeport.conformance.support.Trees.num(a, "order");
                if (order != null) {
                    assertTrue(
                            order.signum() > 0 && order.stripTrailingZeros().scale() <= 0,
                            code + ": order " + order + " is not a positive integer");
                    assertTrue(orders.add(order.stripTrailingZeros()), code + ": order " + order + " is used twice");
                }
                if (dt.endsWith("valuelist")) {
                    List<JsonNode> values = list(a, "values");
                    assertTrue(!values.isEmpty(), code + ": " + dt + " without values");
                    for (JsonNode v : values) {
                        assertTrue(str(v, "key") != null, code + ": a value without key");
                        assertTrue(v.has("name"), code + ": value " + str(v, "key") + " without name");
                    }
                }
            }
        });
        // metadata=true promises attributes; definitions without any would make every rule above hold vacuously
        assertTrue(
                attributes[0] > 0,
                "no attributes to check in the definitions of the metadata=true services: the check would pass vacuously");
    }

    @Test
    @DisplayName("1.2 services/{code}.xml and .json carry the same content (field by field), for every definition")
    void xmlEqualsJson() {
        List<String> failures = new ArrayList<>();
        for (Server.Service s : withMetadata()) {
            try {
                JsonNode x = Docs.expect(definition(s.code(), Fmt.XML), DocKind.SERVICE_DEFINITION, Fmt.XML)
                        .tree();
                JsonNode j = Docs.expect(definition(s.code(), Fmt.JSON), DocKind.SERVICE_DEFINITION, Fmt.JSON)
                        .tree();
                List<String> diff = Compare.diff(x, j);
                if (!diff.isEmpty()) {
                    failures.add(s.code() + ": " + diff);
                }
            } catch (AssertionError e) {
                failures.add(s.code() + ": " + e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), String.join(" || ", failures));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("1.4 a definition with jurisdiction_id= (empty) answers exactly as without it")
    void emptyJurisdiction(Fmt f) {
        Server.Service s = withMetadata().get(0);
        Docs.Doc a = Docs.expect(definition(s.code(), f), DocKind.SERVICE_DEFINITION, f);
        Http.Response r = Api.get("services/" + Http.seg(s.code()) + "." + f.suffix)
                .param("jurisdiction_id", "")
                .send();
        Docs.Doc b = Docs.expect(r, DocKind.SERVICE_DEFINITION, f);
        assertEquals(a.tree(), b.tree(), "definition differs with jurisdiction_id= : " + r.describe());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Fmt.class)
    @DisplayName("2.3 services with metadata=false also answer their definition (empty attributes) (recommendation)")
    void metadataFalseServicesHaveDefinition(Fmt f) {
        Checks.recommendation();
        List<Server.Service> plain =
                Server.model().services.stream().filter(s -> !s.metadata()).toList();
        Checks.skipIf(plain.isEmpty(), "every service has metadata=true");
        List<String> failures = new ArrayList<>();
        for (Server.Service s : plain) {
            try {
                Docs.Doc d = Docs.expect(definition(s.code(), f), DocKind.SERVICE_DEFINITION, f);
                assertEquals(s.code(), str(d.tree(), "service_code"));
            } catch (AssertionError e) {
                failures.add(s.code() + ": " + e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), String.join(" || ", failures));
    }
}
