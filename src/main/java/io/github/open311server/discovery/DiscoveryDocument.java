package io.github.open311server.discovery;

import java.util.List;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import io.github.open311server.web.Open311Document;

/** The Service Discovery document; {@code endpoints} and {@code formats} are arrays in JSON even with one item. */
@JacksonXmlRootElement(localName = "discovery")
public record DiscoveryDocument(
        String changeset,
        String contact,
        String keyService,

        @JacksonXmlElementWrapper(localName = "endpoints") @JacksonXmlProperty(localName = "endpoint")
        List<Endpoint> endpoints)
        implements Open311Document {

    public record Endpoint(
            String specification,
            String url,
            String changeset,
            String type,

            @JacksonXmlElementWrapper(localName = "formats") @JacksonXmlProperty(localName = "format")
            List<String> formats) {}
}
