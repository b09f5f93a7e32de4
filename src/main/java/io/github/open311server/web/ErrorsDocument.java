package io.github.open311server.web;

import java.util.List;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;

/** {@code <errors>} in XML, a bare array of {@code {code, description}} in JSON. */
@JacksonXmlRootElement(localName = "errors")
public record ErrorsDocument(
        @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "error")
        List<Open311Error> errors)
        implements Open311Document {

    @Override
    public Object json() {
        return errors;
    }
}
