package io.github.open311server.catalogue;

import java.util.Map;

/**
 * A service's texts in one more language: its name, description, group and keywords, and per attribute
 * code its description, datatype description and value names by key. Codes and keys are never translated;
 * a text left out falls back to the service's own.
 */
public record ServiceTranslation(
        String serviceName,
        String description,
        String group,
        String keywords,
        Map<String, AttributeTranslation> attributes) {

    public record AttributeTranslation(String description, String datatypeDescription, Map<String, String> values) {}

    public AttributeTranslation attribute(String code) {
        return attributes == null ? null : attributes.get(code);
    }
}
