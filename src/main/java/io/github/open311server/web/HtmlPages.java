package io.github.open311server.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The few HTML pages the server shows a citizen who follows a link from a mail (unsubscribe, survey):
 * plain, no scripts or styles from anywhere, forms posting back to the same place only.
 */
public final class HtmlPages {

    private HtmlPages() {}

    /** {@code title} and {@code body} are trusted markup: escape anything that came from outside. */
    public static Response page(String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title><meta name=\"viewport\" content=\"width=device-width\"></head><body><h1>" + title
                + "</h1>" + body + "</body></html>";
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; form-action 'self'")
                .build();
    }

    public static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
