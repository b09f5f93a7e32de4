package io.github.open311server.catalogue;

import java.util.List;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/** One attribute of a service definition, as published; {@code values} only for the list datatypes. */
public record AttributeView(
        boolean variable,
        String code,
        Datatype datatype,
        boolean required,
        String datatypeDescription,
        int order,
        String description,

        @JacksonXmlElementWrapper(localName = "values") @JacksonXmlProperty(localName = "value")
        List<Value> values) {

    public record Value(String key, String name) {}

    public boolean allows(String key) {
        return values != null && values.stream().anyMatch(v -> v.key().equals(key));
    }
}
