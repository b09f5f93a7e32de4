package io.github.open311server.requests;

import java.util.List;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import io.github.open311server.web.Open311Document;

/**
 * {@code <service_requests><request>…} in XML, a bare array in JSON (even for a single request):
 * the shape of GET requests, GET request, POST requests and GET tokens answers.
 */
@JacksonXmlRootElement(localName = "service_requests")
public record ServiceRequestsDocument<T>(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "request")
        List<T> requests) implements Open311Document {

    @Override
    public Object json() {
        return requests;
    }
}
