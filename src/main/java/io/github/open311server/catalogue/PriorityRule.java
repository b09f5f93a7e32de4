package io.github.open311server.catalogue;

import java.util.List;
import java.util.Map;

/**
 * An answer that raises the priority of a request of its service, e.g. {@code attribute[LIVE]=yes} on
 * fallen wires makes it an emergency. Rules only raise: the highest of the default and every rule that
 * matches wins.
 */
public record PriorityRule(String attribute, String value, String priority) {

    public boolean matches(Map<String, List<String>> answers) {
        return answers.getOrDefault(attribute, List.of()).contains(value);
    }

    /** The priority a request gets from its service's default and its answers. */
    public static Priority of(Priority byDefault, List<PriorityRule> rules, Map<String, List<String>> answers) {
        Priority priority = byDefault;
        for (PriorityRule rule : rules) {
            if (rule.matches(answers)) {
                priority = priority.atLeast(Priority.fromWire(rule.priority()).orElse(Priority.NORMAL));
            }
        }
        return priority;
    }
}
