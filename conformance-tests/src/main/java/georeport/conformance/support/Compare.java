package georeport.conformance.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Field-by-field comparison of the tree derived from an XML answer with a JSON answer (spec 1.2: JSON is a mechanical
 * mapping of the XML). Absent, null and empty count as the same "no value"; numbers and booleans are compared by
 * value (XML "39.780" equals JSON 39.78, XML "true" equals JSON true); strings exactly.
 */
public final class Compare {

    private Compare() {}

    public static List<String> diff(JsonNode xml, JsonNode json) {
        List<String> out = new ArrayList<>();
        diff("$", xml, json, out);
        return out;
    }

    static boolean noValue(JsonNode n) {
        return n == null
                || n.isNull()
                || n.isMissingNode()
                || (n.isTextual() && n.asText().isEmpty())
                || (n.isContainerNode() && n.isEmpty() && !n.isArray());
    }

    static void diff(String path, JsonNode x, JsonNode j, List<String> out) {
        if (out.size() > 20) {
            return;
        }
        if (noValue(x) && noValue(j)) {
            return;
        }
        if (noValue(x) || noValue(j)) {
            out.add(path + ": XML has " + show(x) + ", JSON has " + show(j));
            return;
        }
        if (x.isArray() && !j.isArray() && x.size() == 1) {
            diff(path, x.get(0), j, out);
            return;
        }
        if (j.isArray() && !x.isArray() && j.size() == 1) {
            diff(path, x, j.get(0), out);
            return;
        }
        if (x.isArray() && j.isArray()) {
            if (x.size() != j.size()) {
                out.add(path + ": XML has " + x.size() + " items, JSON has " + j.size());
                return;
            }
            for (int i = 0; i < x.size(); i++) {
                diff(path + "[" + i + "]", x.get(i), j.get(i), out);
            }
            return;
        }
        if (x.isObject() && j.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            x.fieldNames().forEachRemaining(keys::add);
            j.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                diff(path + "." + k, x.get(k), j.get(k), out);
            }
            return;
        }
        if (x.isValueNode() && j.isValueNode()) {
            String xs = x.asText();
            if (j.isNumber()) {
                try {
                    if (new BigDecimal(xs.trim()).compareTo(j.decimalValue()) == 0) {
                        return;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            } else if (j.isBoolean()) {
                if (xs.trim().equals(String.valueOf(j.booleanValue()))) {
                    return;
                }
            } else if (xs.equals(j.asText())) {
                return;
            }
            out.add(path + ": XML has " + show(x) + ", JSON has " + show(j));
            return;
        }
        out.add(path + ": XML has " + show(x) + ", JSON has " + show(j));
    }

    static String show(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        String s = n.toString();
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    /** Removes the given top-level fields from every item (for fields that legitimately differ between calls). */
    public static void dropFields(JsonNode tree, String... fields) {
        if (tree == null) {
            return;
        }
        Iterator<JsonNode> it = tree.isArray() ? tree.elements() : List.of(tree).iterator();
        while (it.hasNext()) {
            JsonNode n = it.next();
            if (n instanceof ObjectNode o) {
                for (String f : fields) {
                    o.remove(f);
                }
            }
        }
    }
}
