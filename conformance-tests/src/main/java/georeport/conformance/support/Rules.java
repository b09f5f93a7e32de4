package georeport.conformance.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import static georeport.conformance.support.Trees.bool;
import static georeport.conformance.support.Trees.items;
import static georeport.conformance.support.Trees.list;
import static georeport.conformance.support.Trees.str;

/**
 * Rules that the schemas cannot express (XSD 1.0 has no co-occurrence constraints), checked on the format-neutral
 * tree of a document, so XML and JSON are judged alike.
 */
public final class Rules {

    private Rules() {}

    static final Set<String> REQUEST_FIELDS = Set.of(
            "service_request_id",
            "status",
            "status_notes",
            "service_name",
            "service_code",
            "description",
            "agency_responsible",
            "service_notice",
            "requested_datetime",
            "updated_datetime",
            "expected_datetime",
            "address",
            "address_id",
            "zipcode",
            "lat",
            "long",
            "media_url",
            "token",
            "extended_attributes");
    static final Set<String> POST_FIELDS = union(REQUEST_FIELDS, Set.of("account_id"));
    static final Set<String> TOKEN_FIELDS = Set.of("service_request_id", "token");
    static final Set<String> SERVICE_FIELDS =
            Set.of("service_code", "service_name", "description", "metadata", "type", "keywords", "group", "groups");
    static final Set<String> DEFINITION_FIELDS = Set.of("service_code", "attributes");
    static final Set<String> ATTRIBUTE_FIELDS = Set.of(
            "variable",
            "code",
            "datatype",
            "required",
            "datatype_description",
            "order",
            "description",
            "values",
            "automated");
    static final Set<String> VALUE_FIELDS = Set.of("key", "name");
    static final Set<String> ERROR_FIELDS = Set.of("code", "description");
    static final Set<String> DISCOVERY_FIELDS = Set.of("changeset", "contact", "key_service", "endpoints");
    static final Set<String> ENDPOINT_FIELDS = Set.of("specification", "url", "changeset", "type", "formats");
    /** mySociety request_update (docs 6.6). */
    static final Set<String> UPDATE_FIELDS = Set.of(
            "update_id",
            "service_request_id",
            "status",
            "updated_datetime",
            "description",
            "media_url",
            "external_status_code",
            "customer_reference",
            "fixmystreet_id",
            "extras");

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /**
     * Fields outside the spec's lists. The XSDs reject them in XML; this rule judges JSON the same way (the community JSON
     * Schemas allow any extra property). Extension data belongs in extended_attributes (docs section 6).
     */
    static void knownFields(String what, JsonNode obj, Set<String> known, List<String> p) {
        if (obj == null || !obj.isObject()) {
            return;
        }
        obj.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                p.add(what + " has the non-standard field '" + f
                        + "' (extension data belongs in extended_attributes, docs section 6)");
            }
        });
    }

    static void knownFields(DocKind kind, JsonNode tree, List<String> p) {
        switch (kind) {
            case REQUESTS -> items(tree).forEach(r -> knownFields("request", r, REQUEST_FIELDS, p));
            case POST_RESPONSE -> items(tree).forEach(r -> knownFields("POST answer", r, POST_FIELDS, p));
            case TOKEN_RESPONSE -> items(tree).forEach(r -> knownFields("token answer", r, TOKEN_FIELDS, p));
            case SERVICES -> items(tree).forEach(s -> knownFields("service", s, SERVICE_FIELDS, p));
            case ERRORS -> items(tree).forEach(e -> knownFields("error", e, ERROR_FIELDS, p));
            case SERVICE_DEFINITION -> {
                knownFields("service_definition", tree, DEFINITION_FIELDS, p);
                for (JsonNode a : list(tree, "attributes")) {
                    knownFields("attribute", a, ATTRIBUTE_FIELDS, p);
                    list(a, "values").forEach(v -> knownFields("value", v, VALUE_FIELDS, p));
                }
            }
            case DISCOVERY -> {
                knownFields("discovery", tree, DISCOVERY_FIELDS, p);
                list(tree, "endpoints").forEach(e -> knownFields("endpoint", e, ENDPOINT_FIELDS, p));
            }
            case UPDATES, UPDATE_POST_RESPONSE ->
                items(tree).forEach(u -> knownFields("request_update", u, UPDATE_FIELDS, p));
            default -> {
                // GeoJSON: RFC 7946 allows foreign members
            }
        }
    }

    public static List<String> check(DocKind kind, JsonNode tree) {
        List<String> p = new ArrayList<>();
        knownFields(kind, tree, p);
        switch (kind) {
            case SERVICES -> services(tree, p);
            case SERVICE_DEFINITION -> definition(tree, p);
            case POST_RESPONSE -> {
                if (items(tree).size() != 1) {
                    p.add("POST answer must hold exactly one request, holds "
                            + items(tree).size());
                }
                for (JsonNode r : items(tree)) {
                    if (str(r, "service_request_id") != null && str(r, "token") != null) {
                        p.add(
                                "POST answer holds both service_request_id and token (spec 2.4: id for realtime, token for batch)");
                    }
                }
            }
            case TOKEN_RESPONSE -> {
                if (items(tree).size() != 1) {
                    p.add("token answer must hold exactly one request, holds "
                            + items(tree).size());
                }
            }
            case ERRORS -> {
                if (items(tree).isEmpty()) {
                    p.add("error document holds no error");
                }
            }
            case REQUESTS -> {
                Set<String> ids = new HashSet<>();
                for (JsonNode r : items(tree)) {
                    String id = str(r, "service_request_id");
                    if (id != null && !ids.add(id)) {
                        p.add("service_request_id " + id + " is listed twice");
                    }
                }
            }
            case DISCOVERY -> {
                if (list(tree, "endpoints").isEmpty()) {
                    p.add("discovery lists no endpoint");
                }
            }
            case UPDATES -> unique(items(tree), "update_id", "update_id", p);
            case UPDATE_POST_RESPONSE -> {
                if (items(tree).size() != 1) {
                    p.add("servicerequestupdates POST answer must hold exactly one request_update, holds "
                            + items(tree).size());
                }
            }
            case GEOJSON -> {
                List<JsonNode> props = new ArrayList<>();
                list(tree, "features").forEach(f -> props.add(f.get("properties")));
                unique(props, "service_request_id", "feature with service_request_id", p);
            }
            default -> {}
        }
        return p;
    }

    static void unique(List<JsonNode> objects, String field, String what, List<String> p) {
        Set<String> seen = new HashSet<>();
        for (JsonNode o : objects) {
            String v = str(o, field);
            if (v != null && !seen.add(v)) {
                p.add(what + " " + v + " is listed twice");
            }
        }
    }

    static void services(JsonNode tree, List<String> p) {
        Set<String> codes = new HashSet<>();
        for (JsonNode s : items(tree)) {
            String code = str(s, "service_code");
            if (code != null && !codes.add(code)) {
                p.add("service_code " + code + " is listed twice");
            }
        }
    }

    static void definition(JsonNode tree, List<String> p) {
        Set<String> codes = new HashSet<>();
        Set<BigDecimal> orders = new HashSet<>();
        for (JsonNode a : list(tree, "attributes")) {
            String code = str(a, "code");
            if (code != null && !codes.add(code)) {
                p.add("attribute code " + code + " is used twice");
            }
            BigDecimal order = Trees.num(a, "order");
            if (order != null) {
                if (order.signum() <= 0 || order.stripTrailingZeros().scale() > 0) {
                    p.add("attribute " + code + ": order " + order + " is not a positive integer");
                } else if (!orders.add(order.stripTrailingZeros())) {
                    p.add("attribute " + code + ": order " + order + " is used by another attribute of the service");
                }
            }
            String dt = str(a, "datatype");
            if ("singlevaluelist".equals(dt) || "multivaluelist".equals(dt)) {
                List<JsonNode> values = list(a, "values");
                if (values.isEmpty()) {
                    p.add("attribute " + code + " (" + dt + ") has no values");
                }
                Set<String> keys = new HashSet<>();
                for (JsonNode v : values) {
                    String k = str(v, "key");
                    if (k != null && !keys.add(k)) {
                        p.add("attribute " + code + ": value key " + k + " is used twice");
                    }
                }
            }
            if (bool(a, "variable") == null && a.has("variable")) {
                p.add("attribute " + code + ": variable is not a boolean");
            }
        }
    }
}
