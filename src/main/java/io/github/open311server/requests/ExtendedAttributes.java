package io.github.open311server.requests;

import java.util.List;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/**
 * CitySDK/Chicago-style {@code extended_attributes}, only with {@code extensions=true}: the detailed
 * status, every media URL, and the public history of the request (internal notes never appear).
 */
public record ExtendedAttributes(
        String detailedStatus,

        @JacksonXmlElementWrapper(localName = "media_urls") @JacksonXmlProperty(localName = "media_url")
        List<String> mediaUrls,

        @JacksonXmlElementWrapper(localName = "history") @JacksonXmlProperty(localName = "entry")
        List<HistoryEntry> history) {

    /** One public event: when, what kind, the status it led to, and the note shown to citizens. */
    public record HistoryEntry(String datetime, String type, String status, String detailedStatus, String note) {}
}
