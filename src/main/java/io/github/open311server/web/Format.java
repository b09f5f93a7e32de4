package io.github.open311server.web;

import java.util.Locale;
import java.util.Optional;

/** The representations a resource is offered in, chosen by the file-name suffix of the path. */
public enum Format {
    XML("xml", "text/xml; charset=utf-8"),
    JSON("json", "application/json; charset=utf-8"),
    /** RFC 7946, an extension offered by GET requests only. */
    GEOJSON("geojson", "application/geo+json; charset=utf-8");

    private final String suffix;
    private final String mediaType;

    Format(String suffix, String mediaType) {
        this.suffix = suffix;
        this.mediaType = mediaType;
    }

    public String suffix() {
        return suffix;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<Format> ofSuffix(String suffix) {
        if (suffix == null) {
            return Optional.empty();
        }
        String lower = suffix.toLowerCase(Locale.ROOT);
        for (Format format : values()) {
            if (format.suffix.equals(lower)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format named by a path suffix (xml or json), or a 404 error document. */
    public static Format require(String suffix) {
        return ofSuffix(suffix)
                .filter(f -> f != GEOJSON)
                .orElseThrow(() -> Open311Exception.notFound("Unsupported format '" + suffix + "': use .xml or .json"));
    }

    /** Like {@link #require(String)}, for the request list that is also offered as GeoJSON. */
    public static Format requireListFormat(String suffix) {
        return ofSuffix(suffix)
                .orElseThrow(() ->
                        Open311Exception.notFound("Unsupported format '" + suffix + "': use .xml, .json or .geojson"));
    }

    /** Whether a path belongs to the city's side (staff and admin APIs, JSON only): the one place that decides it. */
    public static boolean isStaffOrAdminApi(String path) {
        return path != null && (path.startsWith("/staff/") || path.startsWith("/admin/"));
    }

    /**
     * The format to answer an error in, from the raw request path: the suffix of its last segment
     * when it names a format, else XML, the format every Open311 client understands.
     */
    public static Format forErrorsOf(String path) {
        if (path == null) {
            return XML;
        }
        if (isStaffOrAdminApi(path) || path.startsWith("/mail/") || path.startsWith("/client/")) {
            return JSON; // the staff, admin, mail-link and web client calls speak JSON only
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot > slash) {
            Format format = ofSuffix(path.substring(dot + 1)).orElse(XML);
            return format == GEOJSON ? JSON : format; // GeoJSON clients read JSON error arrays
        }
        return XML;
    }
}
