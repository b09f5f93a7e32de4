package io.github.open311server.web;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * ETags for {@link Revalidated} answers: a strong tag over the answer's bytes (so XML and JSON, and each
 * language, have their own), {@code Cache-Control: public, max-age=60} (a catalogue change is seen within a
 * minute; discovery's changeset says when one happened), and 304 without a body for {@code If-None-Match}
 * naming the current tag. An app polling the catalogue then costs a few bytes.
 */
@Provider
@Revalidated
public class EntityTags implements ContainerResponseFilter {

    static final String CACHE_CONTROL = "public, max-age=60";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 200 || !(response.getEntity() instanceof byte[] body)) {
            return;
        }
        CRC32C crc = new CRC32C();
        crc.update(body);
        String tag = "\"" + HexFormat.of().toHexDigits(crc.getValue()).substring(8) + Integer.toHexString(body.length)
                + "\"";
        response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, tag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE); // no body, nothing to type
        }
    }

    /** {@code *}, or a list of tags one of which is this one (weak comparison, as RFC 9110 asks for GET). */
    private static boolean matches(String header, String tag) {
        return Arrays.stream(header.split(","))
                .map(String::strip)
                .map(t -> t.startsWith("W/") ? t.substring(2) : t)
                .anyMatch(t -> t.equals("*") || t.equals(tag));
    }
}
