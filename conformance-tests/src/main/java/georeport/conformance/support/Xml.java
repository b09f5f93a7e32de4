package georeport.conformance.support;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** XML side: safe parsing, validation against the suite's XSDs, and the XML to JSON-tree mapping of spec 1.2. */
public final class Xml {

    /** Elements whose children form a list (JSON array) per the GeoReport v2 XML/JSON convention. */
    static final Set<String> LIST_CONTAINERS =
            Set.of("endpoints", "formats", "attributes", "values", "media_urls", "groups");

    private static final Map<DocKind, Schema> SCHEMAS = new EnumMap<>(DocKind.class);
    private static final Pattern DECL = Pattern.compile(
            "^<\\?xml\\s+version\\s*=\\s*[\"']1\\.[01][\"']"
                    + "(\\s+encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"'])?(\\s+standalone\\s*=\\s*[\"'](yes|no)[\"'])?\\s*\\?>");

    private Xml() {}

    public static Document parse(byte[] bytes) throws SAXException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(bytes));
        } catch (SAXException e) {
            throw e;
        } catch (Exception e) {
            throw new SAXException("cannot parse XML: " + e.getMessage(), e);
        }
    }

    static synchronized Schema schema(DocKind kind) {
        return SCHEMAS.computeIfAbsent(kind, k -> {
            try {
                URL url = Xml.class.getResource("/xsd/" + k.xsd);
                if (url == null) {
                    throw new IllegalStateException("missing /xsd/" + k.xsd);
                }
                SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                return sf.newSchema(url);
            } catch (SAXException e) {
                throw new IllegalStateException("broken XSD " + k.xsd + ": " + e.getMessage(), e);
            }
        });
    }

    /** Every XSD problem of the document (empty list: valid), each with line:column. */
    public static List<String> validate(byte[] bytes, DocKind kind) {
        List<String> problems = new ArrayList<>();
        Validator v = schema(kind).newValidator();
        try {
            v.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (SAXException ignored) {
            // feature not supported by this validator: DTDs are rejected by parse() anyway
        }
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) {
                problems.add(
                        kind.xsd + " line " + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                problems.add("not well-formed XML, line " + e.getLineNumber() + ":" + e.getColumnNumber() + ": "
                        + e.getMessage());
                throw e;
            }
        });
        try {
            v.validate(new StreamSource(new ByteArrayInputStream(bytes)));
        } catch (SAXException e) {
            if (problems.isEmpty()) {
                problems.add(e.getMessage());
            }
        } catch (Exception e) {
            problems.add("cannot validate: " + e);
        }
        return problems;
    }

    /**
     * Problem with the XML declaration, or null: the document must start (no BOM, no blank) with
     * {@code <?xml version="1.0" encoding="utf-8"?>} (encoding compared case-insensitively).
     */
    public static String declarationProblem(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return "document starts with a UTF-8 byte order mark before the XML declaration";
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8);
        Matcher m = DECL.matcher(head);
        if (!m.find()) {
            return "document does not start with <?xml version=\"1.0\" encoding=\"utf-8\"?> (starts with: "
                    + Http.snippet(head, 60) + ")";
        }
        if (m.group(2) == null) {
            return "XML declaration has no encoding=\"utf-8\"";
        }
        if (!m.group(2).equalsIgnoreCase("utf-8")) {
            return "XML declaration says encoding=\"" + m.group(2) + "\", not utf-8";
        }
        return null;
    }

    /**
     * The JSON tree that the GeoReport v2 convention (spec 1.2) derives from this XML document: the root is dropped;
     * a root list or a known list container becomes an array; leaves become strings, empty leaves null.
     */
    public static JsonNode toTree(Document doc, DocKind kind) {
        Element root = doc.getDocumentElement();
        if (kind.rootIsList()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (Element c : children(root)) {
                a.add(convert(c));
            }
            return a;
        }
        return convert(root);
    }

    static JsonNode convert(Element e) {
        List<Element> kids = children(e);
        String name = e.getLocalName() == null ? e.getTagName() : e.getLocalName();
        if (LIST_CONTAINERS.contains(name)) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (Element c : kids) {
                a.add(convert(c));
            }
            return a;
        }
        if (kids.isEmpty()) {
            String text = e.getTextContent();
            return text == null || text.isBlank()
                    ? JsonNodeFactory.instance.nullNode()
                    : JsonNodeFactory.instance.textNode(text);
        }
        Map<String, List<JsonNode>> grouped = new LinkedHashMap<>();
        for (Element c : kids) {
            String n = c.getLocalName() == null ? c.getTagName() : c.getLocalName();
            grouped.computeIfAbsent(n, x -> new ArrayList<>()).add(convert(c));
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        grouped.forEach((k, v) -> {
            if (v.size() == 1) {
                o.set(k, v.get(0));
            } else {
                ArrayNode a = o.putArray(k);
                v.forEach(a::add);
            }
        });
        return o;
    }

    public static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }
}
