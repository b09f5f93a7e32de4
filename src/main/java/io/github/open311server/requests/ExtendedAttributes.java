package io.github.open311server.requests;

import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * CitySDK/Chicago-style {@code extended_attributes}, only with {@code extensions=true}: the detailed
 * status, every media URL, the public history of the request (internal notes never appear) and, where
 * the city publishes them, the work order and the assignee (null, and so absent, elsewhere).
 */
public record ExtendedAttributes(
        String detailedStatus,

        @JacksonXmlElementWrapper(localName = "media_urls") @JacksonXmlProperty(localName = "media_url")
        List<String> mediaUrls,

        @JacksonXmlElementWrapper(localName = "history") @JacksonXmlProperty(localName = "entry")
        List<HistoryEntry> history,

        WorkOrder workOrder,
        String assignee) {

    /**
     * One public event: when, what kind, the status it led to, the note shown to citizens and the photos
     * staff attached to it (the photo of the fix; null when none).
     */
    public record HistoryEntry(
            String datetime,
            String type,
            String status,
            String detailedStatus,
            String note,

            @JacksonXmlElementWrapper(localName = "media_urls") @JacksonXmlProperty(localName = "media_url")
            List<String> mediaUrls) {

        HistoryEntry withMediaUrls(UnaryOperator<String> link) {
            return mediaUrls == null
                    ? this
                    : new HistoryEntry(
                            datetime,
                            type,
                            status,
                            detailedStatus,
                            note,
                            mediaUrls.stream().map(link).toList());
        }
    }

    /** The same with every media link (of the request and of its history) passed through {@code link}. */
    public ExtendedAttributes withMediaUrls(UnaryOperator<String> link) {
        return new ExtendedAttributes(
                detailedStatus,
                mediaUrls.stream().map(link).toList(),
                history == null
                        ? null
                        : history.stream().map(h -> h.withMediaUrls(link)).toList(),
                workOrder,
                assignee);
    }
}
