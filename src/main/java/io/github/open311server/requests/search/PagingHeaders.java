package io.github.open311server.requests.search;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import io.github.open311server.requests.RequestPage;

/**
 * Paging metadata goes in headers, never into the body, so every Open311 client keeps parsing the
 * list it expects: {@code Link: <…>; rel="next"} and {@code X-Next-Page-Token} while there is more,
 * and {@code X-Total-Count} on a first page that asked for {@code page_size}, or, when counting
 * stopped at the configured limit, {@code X-Total-Count-Exceeds} with that limit.
 */
public final class PagingHeaders {

    private PagingHeaders() {}

    /** {@code origin}: the public scheme, host and port, so the link works behind a proxy too. */
    public static Response.ResponseBuilder add(
            Response.ResponseBuilder response, RequestPage page, UriInfo uri, String origin) {
        if (page.nextPageToken() != null) {
            URI publicOrigin = URI.create(origin);
            String next = UriBuilder.fromUri(uri.getRequestUri())
                    .scheme(publicOrigin.getScheme())
                    .host(publicOrigin.getHost())
                    .port(publicOrigin.getPort())
                    .replaceQueryParam("page")
                    .replaceQueryParam("page_token", page.nextPageToken())
                    .build()
                    .toString();
            response.header("Link", "<" + next + ">; rel=\"next\"");
            response.header("X-Next-Page-Token", page.nextPageToken());
        }
        if (page.totalExceeds()) {
            response.header("X-Total-Count-Exceeds", page.total()); // counting stopped there
        } else if (page.total() != null) {
            response.header("X-Total-Count", page.total());
        }
        return response;
    }
}
