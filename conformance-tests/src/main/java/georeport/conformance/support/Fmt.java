package georeport.conformance.support;

import java.util.Locale;

/** The two GeoReport v2 formats, chosen by the file-name suffix. */
public enum Fmt {
    XML("xml", "text/xml"),
    JSON("json", "application/json");

    public final String suffix;
    public final String mediaType;

    Fmt(String suffix, String mediaType) {
        this.suffix = suffix;
        this.mediaType = mediaType;
    }

    /**
     * Problem with a Content-Type header for this format, or null. XML: text/xml (spec) or application/xml
     * (FixMyStreet, 6A); JSON: application/json. A charset parameter, when given, must be UTF-8.
     */
    public String contentTypeProblem(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "no Content-Type header";
        }
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        boolean typeOk = this == XML
                ? type.equals("text/xml") || type.equals("application/xml")
                : type.equals("application/json");
        if (!typeOk) {
            return "Content-Type '" + contentType + "' is not "
                    + (this == XML ? "text/xml or application/xml" : "application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                String cs = p.substring(8).replace("\"", "").trim();
                if (!cs.equals("utf-8") && !cs.equals("utf8")) {
                    return "Content-Type '" + contentType + "' declares charset " + cs + ", not UTF-8";
                }
            }
        }
        return null;
    }

    public static Fmt ofSuffix(String s) {
        return s.equalsIgnoreCase("json") ? JSON : XML;
    }

    @Override
    public String toString() {
        return suffix;
    }
}
