package io.github.open311server.web;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The one JSON rule set. Every mapper (the application's, which reads and writes the staff and admin
 * APIs, and the renderer's JSON and XML ones) names fields in snake_case, writes decimals plainly and
 * writes text through {@link XmlSafeText}. Bodies read by the application's mapper obey the same
 * text rule as forms: a string holding a character XML 1.0 forbids is refused while the body is
 * read, so it can never be stored and published.
 */
@Singleton
public class JsonRules implements ObjectMapperCustomizer {

    /** The message the error mapper recognises to name the field. */
    static final String MESSAGE = "holds a character that is not allowed in text";

    @Override
    public void customize(ObjectMapper mapper) {
        common(mapper);
        mapper.registerModule(new SimpleModule("open311-text-rule").addDeserializer(String.class, new CheckedString()));
    }

    /** The rules every mapper of the server follows, writing and reading. */
    public static void common(ObjectMapper mapper) {
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        // coordinates are BigDecimals: never written in scientific notation
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        // both formats publish the same text: JSON could escape anything, but a client must not get
        // a character from JSON that the XML answer for the same request cannot hold
        mapper.registerModule(new SimpleModule("xml-1.0-text").addSerializer(String.class, new XmlSafeText()));
    }

    static final class CheckedString extends StdScalarDeserializer<String> {

        CheckedString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && ForbiddenCharacters.find(value) >= 0) {
                throw InvalidFormatException.from(parser, MESSAGE, value, String.class);
            }
            return value;
        }
    }
}
