package georeport.conformance.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading fields of a document tree the same way whether it came from XML (all text) or JSON (typed). */
public final class Trees {

    private Trees() {}

    /** Text of a scalar field; null when absent, null or empty. */
    public static String str(JsonNode obj, String field) {
        if (obj == null) {
            return null;
        }
        JsonNode n = obj.get(field);
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    public static boolean present(JsonNode obj, String field) {
        return str(obj, field) != null;
    }

    /** true/false from a JSON boolean or the text "true"/"false"; null otherwise. */
    public static Boolean bool(JsonNode obj, String field) {
        JsonNode n = obj == null ? null : obj.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String s = n.asText().trim();
        return s.equals("true") ? Boolean.TRUE : s.equals("false") ? Boolean.FALSE : null;
    }

    public static BigDecimal num(JsonNode obj, String field) {
        JsonNode n = obj == null ? null : obj.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        try {
            String s = n.asText().trim();
            return s.isEmpty() ? null : new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Elements of an array field (empty when absent). */
    public static List<JsonNode> list(JsonNode obj, String field) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode n = obj == null ? null : obj.get(field);
        if (n != null && n.isArray()) {
            n.forEach(out::add);
        } else if (n != null && n.isObject()) {
            out.add(n);
        }
        return out;
    }

    public static List<JsonNode> items(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(out::add);
        }
        return out;
    }
}
