package georeport.conformance.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An ordered list of form fields (repeated names allowed), encoded as application/x-www-form-urlencoded. */
public final class Form {

    private final List<String[]> pairs = new ArrayList<>();

    public static Form of(String... kv) {
        Form f = new Form();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            f.add(kv[i], kv[i + 1]);
        }
        return f;
    }

    public Form add(String name, String value) {
        if (value != null) {
            pairs.add(new String[] {name, value});
        }
        return this;
    }

    /** Replaces every field of that name (or removes them when value is null). */
    public Form set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    public Form remove(String name) {
        pairs.removeIf(p -> p[0].equals(name));
        return this;
    }

    /** Removes every attribute[CODE] / attribute[CODE][] field of that code. */
    public Form removeAttribute(String code) {
        pairs.removeIf(p -> p[0].equals("attribute[" + code + "]") || p[0].equals("attribute[" + code + "][]"));
        return this;
    }

    public Form copy() {
        Form f = new Form();
        for (String[] p : pairs) {
            f.add(p[0], p[1]);
        }
        return f;
    }

    public String get(String name) {
        for (String[] p : pairs) {
            if (p[0].equals(name)) {
                return p[1];
            }
        }
        return null;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    public List<String[]> pairs() {
        return pairs;
    }

    /** Body with names and values percent-encoded (brackets as %5B %5D), as the spec asks. */
    public byte[] encoded() {
        return encode(false).getBytes(StandardCharsets.US_ASCII);
    }

    /** Body with literal [ ] in the names (what some clients send). */
    public byte[] encodedLiteralBrackets() {
        return encode(true).getBytes(StandardCharsets.US_ASCII);
    }

    private String encode(boolean literalBrackets) {
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            String name = Http.enc(p[0]);
            if (literalBrackets) {
                name = name.replace("%5B", "[").replace("%5D", "]");
            }
            sb.append(name).append('=').append(Http.enc(p[1]));
        }
        return sb.toString();
    }

    /** Human-readable form (api_key masked) for failure messages. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            String v = p[0].equals("api_key") && !p[1].isEmpty() ? "***" : p[1];
            if (v.length() > 60) {
                v = v.substring(0, 40) + "…(" + v.length() + " chars)";
            }
            sb.append(p[0]).append('=').append(v);
        }
        return sb.toString();
    }
}
