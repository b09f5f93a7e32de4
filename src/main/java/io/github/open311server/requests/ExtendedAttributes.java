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

    /** One public event: when, what kind, the status it led to, and the note shown to citizens. */
    public record HistoryEntry(String datetime, String type, String status, String detailedStatus, String note) {}

    public ExtendedAttributes withMediaUrls(UnaryOperator<String> link) {
        return new ExtendedAttributes(
                detailedStatus, mediaUrls.stream().map(link).toList(), history, workOrder, assignee);
    }
}
