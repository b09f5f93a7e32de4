package io.github.open311server.media;

import io.github.open311server.requests.ExtendedAttributes;
import io.github.open311server.requests.RequestPage;
import io.github.open311server.requests.RequestView;

/**
 * Uploaded photos are stored with a path, not an absolute URL, and made absolute when published: a
 * stored URL would freeze whatever Host header the uploader sent, and break when the server moves.
 */
public final class MediaLinks {

    public static final String PATH = "/open311/v2/media/";

    private MediaLinks() {}

    public static RequestPage absolute(RequestPage page, String origin) {
        if (page.requests().stream().noneMatch(MediaLinks::hasRelative)) {
            return page;
        }
        return new RequestPage(
                page.requests().stream().map(v -> absolute(v, origin)).toList(),
                page.nextPageToken(),
                page.total(),
                page.withoutLocation());
    }

    public static RequestView absolute(RequestView view, String origin) {
        if (!hasRelative(view)) {
            return view;
        }
        ExtendedAttributes extended = view.extendedAttributes();
        if (extended != null) {
            extended = extended.withMediaUrls(u -> absolute(u, origin));
        }
        return new RequestView(
                view.serviceRequestId(),
                view.status(),
                view.statusNotes(),
                view.serviceName(),
                view.serviceCode(),
                view.description(),
                view.agencyResponsible(),
                view.serviceNotice(),
                view.requestedDatetime(),
                view.updatedDatetime(),
                view.expectedDatetime(),
                view.address(),
                view.addressId(),
                view.zipcode(),
                view.lat(),
                view.lon(),
                absolute(view.mediaUrl(), origin),
                extended);
    }

    public static String absolute(String url, String origin) {
        return url != null && url.startsWith("/") ? origin + url : url;
    }

    private static boolean hasRelative(RequestView view) {
        return (view.mediaUrl() != null && view.mediaUrl().startsWith("/"))
                || (view.extendedAttributes() != null
                        && view.extendedAttributes().mediaUrls().stream().anyMatch(u -> u.startsWith("/")));
    }
}
