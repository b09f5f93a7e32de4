package io.github.open311server.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

/**
 * The one place where documents become bytes. Both mappers share one rule set: snake_case names,
 * absent values omitted; XML gets the declaration the spec asks for, with double quotes and utf-8.
 * Whatever is stored, XML answers stay well-formed: text is written through {@link XmlSafeText} (in JSON too).
 */
@ApplicationScoped
public class Renderer {

    private static final byte[] XML_DECLARATION =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".getBytes(StandardCharsets.UTF_8);

    private final ObjectWriter xml;
    private final ObjectWriter json;

    /** JSON from the application's mapper (so {@link JsonRules} apply), XML from one configured alike. */
    @Inject
    public Renderer(ObjectMapper application) {
        XmlMapper xmlMapper = new XmlMapper();
        // no answer has a namespace: a writer that does not repair them skips their bookkeeping on every element
        xmlMapper.getFactory().getXMLOutputFactory().setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, false);
        JsonRules.common(xmlMapper);
        this.xml = publishing(xmlMapper).writer();
        this.json = publishing(application.copy()).writer();
    }

    /** Documents leave absent values out (the spec's optional fields are omitted, not null). */
    private static ObjectMapper publishing(ObjectMapper mapper) {
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return mapper;
    }

    public byte[] bytes(Format format, Open311Document document) {
        try {
            if (format == Format.XML) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
                out.write(XML_DECLARATION);
                xml.writeValue(out, document);
                return out.toByteArray();
            }
            return json.writeValueAsBytes(document.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serialises any value as JSON (for extensions such as GeoJSON that have no XML form). */
    public byte[] jsonBytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response ok(Format format, Open311Document document) {
        return respond(Response.Status.OK.getStatusCode(), format, document);
    }

    public Response respond(int status, Format format, Open311Document document) {
        return Response.status(status)
                .entity(bytes(format, document))
                .type(format.mediaType())
                .build();
    }

    public Response.ResponseBuilder okBuilder(Format format, Open311Document document) {
        return Response.ok(bytes(format, document)).type(format.mediaType());
    }
}
