package io.github.open311server.updates;

import java.util.List;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import io.github.open311server.web.Open311Document;

/** {@code <service_request_updates><request_update>…}, a bare array in JSON. */
@JacksonXmlRootElement(localName = "service_request_updates")
public record UpdatesDocument(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "request_update")
        List<Update> updates)
        implements Open311Document {

    public record Update(
            String updateId,
            String serviceRequestId,
            String status,
            String updatedDatetime,
            String description,
            String mediaUrl,
            String externalStatusCode) {}

    @Override
    public Object json() {
        return updates;
    }
}
