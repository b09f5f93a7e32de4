package georeport.conformance.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** JSON side: strict parsing and validation against the suite's JSON Schemas (draft-07). */
public final class Json {

    /** Strict: no leading zeros (Jackson's default), no duplicate keys, nothing after the value; exact decimals. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Map<DocKind, JsonSchema> SCHEMAS = new EnumMap<>(DocKind.class);

    private Json() {}

    public static JsonNode parse(byte[] bytes) throws IOException {
        String text = strictUtf8(bytes);
        if (text == null) {
            throw new IOException("body is not valid UTF-8");
        }
        if (text.isBlank()) {
            throw new IOException("empty body");
        }
        return MAPPER.readTree(text);
    }

    public static JsonNode parse(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    /** The text when the bytes are valid UTF-8, else null. */
    public static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static synchronized JsonSchema schema(DocKind kind) {
        return SCHEMAS.computeIfAbsent(kind, k -> {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build();
            return factory.getSchema(SchemaLocation.of("classpath:json-schema/" + k.jsonSchema), config);
        });
    }

    /** Every JSON Schema problem (empty list: valid). */
    public static List<String> validate(JsonNode node, DocKind kind) {
        Set<ValidationMessage> msgs = schema(kind).validate(node);
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : msgs) {
            out.add(kind.jsonSchema + ": " + m.getMessage());
        }
        return out;
    }
}
