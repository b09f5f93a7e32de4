package io.github.open311server.requests.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats of the open data export, by path suffix: what city portals and GIS tools read. */
public enum ExportFormat {
    /** RFC 4180, UTF-8, one header row of the Open311 field names. */
    CSV("csv", "text/csv; charset=utf-8; header=present"),
    /** One JSON request per line, as GET requests.json writes each (newline-delimited JSON). */
    NDJSON("ndjson", "application/x-ndjson; charset=utf-8"),
    /** One RFC 7946 FeatureCollection of the requests that have a position. */
    GEOJSON("geojson", "application/geo+json; charset=utf-8");

    private final String suffix;
    private final String mediaType;

    ExportFormat(String suffix, String mediaType) {
        this.suffix = suffix;
        this.mediaType = mediaType;
    }

    public String suffix() {
        return suffix;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<ExportFormat> ofSuffix(String suffix) {
        String lower = suffix == null ? "" : suffix.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.suffix.equals(lower)).findFirst();
    }
}
