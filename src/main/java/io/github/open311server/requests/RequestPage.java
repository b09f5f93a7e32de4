package io.github.open311server.requests;

import java.util.List;

/**
 * One page of a search: the requests, the token of the next page (null on the last one), and the
 * total when it was asked for ({@code totalExceeds}: counting stopped at {@code total}).
 */
public record RequestPage(
        List<RequestView> requests, String nextPageToken, Long total, boolean totalExceeds, int withoutLocation) {}
