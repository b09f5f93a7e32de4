package io.github.open311server.requests.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.catalogue.AttributeView;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.Datatype;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Texts;

/**
 * Checks posted {@code attribute[...]} answers against the service definition (reference section 3.3)
 * and returns them normalised. Unknown codes and informational attributes are ignored, as clients send
 * them; an empty value counts as absent, as FixMyStreet sends empty optional answers.
 */
@ApplicationScoped
public class AttributeAnswers {

    private static final Pattern NUMBER = Pattern.compile("^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?$");
    private static final int MAX_VALUE_LENGTH = 4000;

    @Inject
    Datetimes datetimes;

    public Map<String, List<String>> validate(
            CatalogueService service, Map<String, List<String>> posted, List<String> problems) {
        Map<String, List<String>> accepted = new LinkedHashMap<>();
        for (AttributeView attribute : service.attributes()) {
            if (!attribute.variable()) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (String raw : posted.getOrDefault(attribute.code(), List.of())) {
                String value = attribute.datatype() == Datatype.TEXT ? Texts.clean(raw) : clean(raw);
                if (value != null) {
                    values.add(value);
                }
            }
            String name = "attribute[" + attribute.code() + "]";
            if (values.isEmpty()) {
                if (attribute.required()) {
                    // "<CODE> required" is the phrase Chicago's published test suite matches
                    problems.add(name + " is required (" + attribute.code() + " required)");
                }
                continue;
            }
            List<String> checked = check(attribute, name, values, problems);
            if (checked != null) {
                accepted.put(attribute.code(), checked);
            }
        }
        return accepted;
    }

    private List<String> check(AttributeView attribute, String name, List<String> values, List<String> problems) {
        if (attribute.datatype() == Datatype.MULTIVALUELIST) {
            return checkMultiple(attribute, name, values, problems);
        }
        if (values.size() > 1) {
            problems.add(name + " takes a single value");
            return null;
        }
        String value = values.get(0);
        if (value.length() > MAX_VALUE_LENGTH) {
            problems.add(name + " is longer than " + MAX_VALUE_LENGTH + " characters");
            return null;
        }
        switch (attribute.datatype()) {
            case NUMBER -> {
                if (!NUMBER.matcher(value).matches()) {
                    problems.add(name + " must be a number, such as 4.5; got '" + value + "'");
                    return null;
                }
            }
            case DATETIME -> {
                try {
                    datetimes.parse(name, value);
                } catch (Open311Exception e) {
                    problems.add(e.errors().get(0).description());
                    return null;
                }
            }
            case SINGLEVALUELIST -> {
                if (!attribute.allows(value)) {
                    problems.add(name + " must be one of " + keys(attribute) + "; got '" + value + "'");
                    return null;
                }
            }
            default -> {
                // string and text: any text is fine once cleaned
            }
        }
        return List.of(value);
    }

    /** Accepts {@code [] } repeats, plain repeats and comma lists, as clients send all three. */
    private List<String> checkMultiple(
            AttributeView attribute, String name, List<String> values, List<String> problems) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (String value : values) {
            if (attribute.allows(value)) {
                keys.add(value);
                continue;
            }
            for (String part : value.split(",")) {
                String key = part.strip();
                if (key.isEmpty()) {
                    continue;
                }
                if (!attribute.allows(key)) {
                    problems.add(name + " values must be among " + keys(attribute) + "; got '" + key + "'");
                    return null;
                }
                keys.add(key);
            }
        }
        if (keys.isEmpty() && attribute.required()) {
            problems.add(name + " is required");
            return null;
        }
        return List.copyOf(keys);
    }

    private static String clean(String raw) {
        String value = Texts.clean(raw);
        return value == null ? null : value.replace('\n', ' ');
    }

    private static String keys(AttributeView attribute) {
        return attribute.values().stream()
                .map(AttributeView.Value::key)
                .toList()
                .toString();
    }
}
