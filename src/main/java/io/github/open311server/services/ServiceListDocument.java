package io.github.open311server.services;

import java.util.List;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import io.github.open311server.catalogue.ServiceView;
import io.github.open311server.web.Open311Document;

@JacksonXmlRootElement(localName = "services")
public record ServiceListDocument(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "service")
        List<ServiceView> services)
        implements Open311Document {

    @Override
    public Object json() {
        return services;
    }
}
