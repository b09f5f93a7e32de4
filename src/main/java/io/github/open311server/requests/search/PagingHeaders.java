package io.github.open311server.requests.search;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import io.github.open311server.requests.RequestPage;
import io.github.open311server.requests.RequestPage.Kind;

/**
 * Paging metadata goes in headers, never into the body, so every Open311 client keeps parsing the
 * list it expects: {@code Link: <…>; rel="next"} and {@code X-Next-Page-Token} while there is more,
 * and, on a first page that asked for {@code page_size}, the total: {@code X-Total-Count} when it was
 * counted, {@code X-Total-Count-Exceeds} with the limit when counting stopped there, or
 * {@code X-Total-Count-Estimate} with PostgreSQL's estimate when the matches are far too many to count.
 */
public final class PagingHeaders {

    private static final Map<Kind, String> TOTAL_HEADERS = Map.of(
            Kind.EXACT, "X-Total-Count",
            Kind.MORE_THAN, "X-Total-Count-Exceeds",
            Kind.ESTIMATE, "X-Total-Count-Estimate");

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
        if (page.total() != null) {
            response.header(TOTAL_HEADERS.get(page.total().kind()), page.total().value());
        }
        return response;
    }
}
