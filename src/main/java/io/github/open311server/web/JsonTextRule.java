package io.github.open311server.web;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON bodies (staff and admin APIs) obey the same text rule as forms: a string holding a character
 * XML 1.0 forbids is refused while the body is read, so it can never be stored and published.
 */
@Singleton
public class JsonTextRule implements ObjectMapperCustomizer {

    /** The message the error mapper recognises to name the field. */
    static final String MESSAGE = "holds a character that is not allowed in text";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("open311-text-rule").addDeserializer(String.class, new CheckedString()));
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
