package georeport.conformance.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assertions;
import org.w3c.dom.Document;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns an HTTP answer into a validated document or a precise failure: status, Content-Type, UTF-8, XML declaration,
 * XSD or JSON Schema, and the suite's extra rules. Never accept a 200 without looking at the body.
 */
public final class Docs {

    private Docs() {}

    /** A validated answer. tree is the format-neutral JSON tree (XML converted per spec 1.2). */
    public record Doc(DocKind kind, Fmt fmt, Http.Response response, JsonNode tree) {}

    /** Problems of a body as a document of this kind and format (empty: valid). Used by checks and by self-tests. */
    public static List<String> problems(byte[] body, DocKind kind, Fmt fmt) {
        List<String> p = new ArrayList<>();
        if (Json.strictUtf8(body) == null) {
            p.add("body is not valid UTF-8");
            return p;
        }
        JsonNode tree = null;
        if (fmt == Fmt.XML) {
            String decl = Xml.declarationProblem(body);
            if (decl != null) {
                p.add(decl);
            }
            List<String> xsd = Xml.validate(body, kind);
            p.addAll(xsd);
            if (xsd.isEmpty()) {
                try {
                    Document d = Xml.parse(body);
                    tree = Xml.toTree(d, kind);
                } catch (Exception e) {
                    p.add("cannot parse XML: " + e.getMessage());
                }
            }
        } else {
            try {
                tree = Json.parse(body);
                p.addAll(Json.validate(tree, kind));
            } catch (Exception e) {
                p.add("not valid JSON: " + e.getMessage().split("\n")[0]);
            }
        }
        if (tree != null && p.isEmpty()) {
            p.addAll(Rules.check(kind, tree));
        }
        return p;
    }

    /** Tree of a body already known to be valid. */
    public static JsonNode tree(byte[] body, DocKind kind, Fmt fmt) {
        try {
            return fmt == Fmt.XML ? Xml.toTree(Xml.parse(body), kind) : Json.parse(body);
        } catch (Exception e) {
            throw new AssertionError("cannot parse " + fmt + " body: " + e.getMessage(), e);
        }
    }

    /** Asserts a successful answer (200, or one of okStatuses) holding a valid document of this kind. */
    public static Doc expect(Http.Response r, DocKind kind, Fmt fmt, int... okStatuses) {
        int[] ok = okStatuses.length == 0 ? new int[] {200} : okStatuses;
        if (Arrays.stream(ok).noneMatch(s -> s == r.status())) {
            Assertions.fail(
                    "expected HTTP " + Arrays.toString(ok) + " with a " + kind.root + " document; got " + r.describe());
        }
        return validBody(r, kind, fmt);
    }

    /**
     * Lenient reading for checks whose rule is about something else (e.g. "this POST is accepted"): status, Content-Type,
     * well-formed XML with the right root or JSON of the right top-level type. Schema validity of the same document is
     * judged by the check dedicated to it, so one defect does not fail every check that merely needs the answer.
     */
    public static Doc parsed(Http.Response r, DocKind kind, Fmt fmt, int... okStatuses) {
        int[] ok = okStatuses.length == 0 ? new int[] {200} : okStatuses;
        if (Arrays.stream(ok).noneMatch(s -> s == r.status())) {
            Assertions.fail(
                    "expected HTTP " + Arrays.toString(ok) + " with a " + kind.root + " document; got " + r.describe());
        }
        String ct = fmt.contentTypeProblem(r.contentType());
        if (ct != null) {
            Assertions.fail(ct + " for " + r.describe());
        }
        JsonNode tree;
        try {
            if (fmt == Fmt.XML) {
                Document d = Xml.parse(r.body());
                String root = d.getDocumentElement().getTagName();
                if (!root.equals(kind.root)) {
                    Assertions.fail("root element <" + root + ">, expected <" + kind.root + ">: " + r.describe());
                }
                tree = Xml.toTree(d, kind);
            } else {
                tree = Json.parse(r.body());
                if (tree.isArray() != kind.rootIsList()) {
                    Assertions.fail("JSON top level must be " + (kind.rootIsList() ? "an array" : "an object") + ": "
                            + r.describe());
                }
            }
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(
                    "cannot parse the " + fmt + " answer (" + e.getMessage() + "): " + r.describe(), e);
        }
        return new Doc(kind, fmt, r, tree);
    }

    /** Asserts the body (whatever the status) is a valid document of this kind in this format. */
    public static Doc validBody(Http.Response r, DocKind kind, Fmt fmt) {
        String ct = fmt.contentTypeProblem(r.contentType());
        if (ct != null) {
            Assertions.fail(ct + " for " + r.describe());
        }
        List<String> p = problems(r.body(), kind, fmt);
        if (!p.isEmpty()) {
            Assertions.fail("invalid " + kind.root + " " + fmt + " document ("
                    + String.join("; ", p.subList(0, Math.min(4, p.size())))
                    + (p.size() > 4 ? "; +" + (p.size() - 4) + " more" : "") + ") from " + r.describe());
        }
        return new Doc(kind, fmt, r, tree(r.body(), kind, fmt));
    }

    /**
     * Asserts an error answer: the given HTTP status and a valid error document in the requested format, every error
     * carrying a numeric code and a description. Returns the errors.
     */
    public static Doc expectError(Http.Response r, int status, Fmt fmt) {
        if (r.status() != status) {
            Assertions.fail("expected HTTP " + status + " with an error document; got " + r.describe());
        }
        return validBody(r, DocKind.ERRORS, fmt);
    }

    /** Asserts any 4xx answer with a valid error document (for rules where the spec fixes no exact code). */
    public static Doc expectClientError(Http.Response r, Fmt fmt) {
        if (r.status() < 400 || r.status() > 499) {
            Assertions.fail("expected a 4xx answer with an error document; got " + r.describe());
        }
        return validBody(r, DocKind.ERRORS, fmt);
    }

    /** All error descriptions joined, for "names the attribute" checks. */
    public static String descriptions(Doc errors) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : Trees.items(errors.tree())) {
            sb.append(Trees.str(e, "description")).append(" | ");
        }
        return sb.toString();
    }
}
