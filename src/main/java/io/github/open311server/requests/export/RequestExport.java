package io.github.open311server.requests.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.media.MediaLinks;
import io.github.open311server.requests.RequestPage;
import io.github.open311server.requests.RequestView;
import io.github.open311server.requests.search.GeoJsonFeatures;
import io.github.open311server.requests.search.PageToken;
import io.github.open311server.requests.search.RequestQuery;
import io.github.open311server.requests.search.RequestSearch;
import io.github.open311server.web.Renderer;

/**
 * Writes every public request a query finds, however many, in pages of {@value #PAGE} read with the
 * list's keyset cursor: memory stays at one page whatever the size, and each page is the list
 * endpoint's own statement (the same filters, the same rules for what is published). A request changed
 * while the export runs may appear twice (its new version at the end): at least once, never skipped.
 */
@ApplicationScoped
public class RequestExport {

    static final int PAGE = 1000;

    @Inject
    RequestSearch search;

    @Inject
    Renderer renderer;

    /** {@code origin}: scheme, host and port that uploaded media links are made absolute with. */
    public void write(RequestQuery query, ExportFormat format, String origin, OutputStream out) throws IOException {
        switch (format) {
            case CSV -> out.write(CsvRequests.header().getBytes(StandardCharsets.UTF_8));
            case GEOJSON ->
                out.write("{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
            case NDJSON -> {}
        }
        boolean first = true;
        RequestQuery page = firstPage(query);
        while (page != null) {
            RequestPage found = MediaLinks.absolute(search.find(page), origin);
            for (RequestView request : found.requests()) {
                first = write(request, format, first, out);
            }
            out.flush();
            page = found.nextPageToken() == null ? null : after(page, found.nextPageToken());
        }
        if (format == ExportFormat.GEOJSON) {
            out.write("]}\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Writes one request; false once something was written (GeoJSON separates features with commas). */
    private boolean write(RequestView request, ExportFormat format, boolean first, OutputStream out)
            throws IOException {
        switch (format) {
            case CSV -> out.write(CsvRequests.line(request).getBytes(StandardCharsets.UTF_8));
            case NDJSON -> {
                out.write(renderer.jsonBytes(request));
                out.write('\n');
            }
            case GEOJSON -> {
                if (request.lat() == null || request.lon() == null) {
                    return first; // a request without a position is no feature
                }
                if (!first) {
                    out.write(',');
                }
                out.write(renderer.jsonBytes(GeoJsonFeatures.feature(request)));
            }
        }
        return false;
    }

    private static RequestQuery firstPage(RequestQuery query) {
        return withPaging(query, null);
    }

    private static RequestQuery after(RequestQuery query, String token) {
        return withPaging(query, PageToken.decode(token, query.paging().sort(), query.fingerprint()));
    }

    /** Pages of {@value #PAGE}, never counted: an export reads on until the cursor ends. */
    private static RequestQuery withPaging(RequestQuery query, PageToken after) {
        return new RequestQuery(
                query.jurisdictionRef(),
                query.ids(),
                query.filters(),
                // a distance order pages by offset (its token carries it); every other order by keyset
                new RequestQuery.Paging(
                        query.paging().sort(), PAGE, after == null ? 0 : (int) after.offset(), after, false),
                query.extensions(),
                query.fingerprint());
    }
}
