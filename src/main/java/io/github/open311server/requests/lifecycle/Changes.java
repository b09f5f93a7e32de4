package io.github.open311server.requests.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.web.Open311Exception;

/** What every versioned change of a request checks and how it records what moved. */
final class Changes {

    private Changes() {}

    /** A change made against another version than the request's is refused (409, or 412 with If-Match). */
    static void checkVersion(ServiceRequestEntity request, ExpectedVersion expected) {
        if (expected.version() == null) {
            throw new Open311Exception(
                    428,
                    List.of("The request's version is required (field version or header If-Match), "
                            + "so that a change never overwrites one you have not seen"));
        }
        if (expected.version() != request.version) {
            throw new Open311Exception(
                    expected.fromIfMatch() ? 412 : 409,
                    List.of("The request was changed by someone else (now at version " + request.version
                            + ", your change was made against " + expected.version()
                            + "): reload it and apply your change again"));
        }
    }

    static void limit(String value, String name, int max, List<String> problems) {
        if (value != null && value.length() > max) {
            problems.add(name + " is longer than " + max + " characters");
        }
    }

    /** {@code {"from": …, "to": …}}, as the history and events record a moved field. */
    static Map<String, Object> fromTo(Object from, Object to) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("from", from);
        map.put("to", to);
        return map;
    }
}
