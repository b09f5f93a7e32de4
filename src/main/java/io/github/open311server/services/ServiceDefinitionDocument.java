package io.github.open311server.services;

import java.util.List;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

import io.github.open311server.catalogue.AttributeView;
import io.github.open311server.web.Open311Document;

/** {@code <service_definition>}; the attribute list is always present, empty when there are none. */
@JacksonXmlRootElement(localName = "service_definition")
public record ServiceDefinitionDocument(
        String serviceCode,

        @JacksonXmlElementWrapper(localName = "attributes") @JacksonXmlProperty(localName = "attribute")
        List<AttributeView> attributes)
        implements Open311Document {}
