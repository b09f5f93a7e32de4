package io.github.open311server.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.github.open311server.catalogue.Datatype;
import io.github.open311server.catalogue.Priority;
import io.github.open311server.catalogue.PriorityRule;
import io.github.open311server.web.MailAddresses;

/** A service and its definition as an admin writes it (PUT replaces the whole definition). */
public record ServiceInput(
        String serviceName,
        String description,
        String type,
        String keywords,
        String group,
        Boolean active,
        String defaultAgency,
        String serviceNotice,
        Integer expectedResponseHours,
        Boolean reopenWhenNotFixed,
        @JsonProperty("private") Boolean privateRequests,
        Boolean premoderated,
        Boolean informational,
        String defaultPriority,
        List<PriorityRule> priorityRules,
        List<String> mailAddresses,
        List<AttributeInput> attributes) {

    public record AttributeInput(
            String code,
            Boolean variable,
            String datatype,
            Boolean required,
            String datatypeDescription,
            Integer order,
            String description,
            List<ValueInput> values) {}

    public record ValueInput(String key, String name) {}

    private static final Set<String> TYPES = Set.of("realtime", "batch", "blackbox");

    /** Every problem of the definition: names, type, unique positive orders and codes, values for list types only. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (serviceName == null || serviceName.isBlank()) {
            problems.add("service_name is required");
        }
        if (type != null && !TYPES.contains(type)) {
            problems.add("type must be realtime, batch or blackbox");
        }
        if (Boolean.TRUE.equals(informational) && (serviceNotice == null || serviceNotice.isBlank())) {
            problems.add("an informational service needs a service_notice: it is the answer people get");
        }
        if (expectedResponseHours != null && expectedResponseHours <= 0) {
            problems.add("expected_response_hours must be positive");
        }
        if (defaultPriority != null && Priority.fromWire(defaultPriority).isEmpty()) {
            problems.add("default_priority must be normal, high or emergency");
        }
        MailAddresses.check("mail_addresses", mailAddresses, problems);
        priorityRuleProblems(problems);
        Set<Integer> orders = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (AttributeInput a : attributes == null ? List.<AttributeInput>of() : attributes) {
            String name = "attribute " + (a.code() == null ? "(no code)" : a.code());
            if (a.code() == null || a.code().isBlank() || !a.code().matches("[A-Za-z0-9_.\\-]{1,64}")) {
                problems.add(name + ": code is required (letters, digits, _ . -; at most 64)");
            } else if (!codes.add(a.code())) {
                problems.add(name + ": code is used twice");
            }
            if (a.order() == null || a.order() <= 0) {
                problems.add(name + ": order must be a positive integer");
            } else if (!orders.add(a.order())) {
                problems.add(name + ": order " + a.order() + " is used by another attribute");
            }
            if (a.description() == null || a.description().isBlank()) {
                problems.add(name + ": description is required");
            }
            Datatype datatype = null;
            try {
                datatype = a.datatype() == null ? null : Datatype.fromWire(a.datatype());
            } catch (IllegalArgumentException e) {
                datatype = null;
            }
            if (datatype == null) {
                problems.add(
                        name + ": datatype must be string, number, datetime, text, singlevaluelist or multivaluelist");
                continue;
            }
            List<ValueInput> values = a.values() == null ? List.of() : a.values();
            if (datatype.isList() && values.isEmpty()) {
                problems.add(name + ": a " + datatype.wireName() + " needs at least one value");
            }
            if (!datatype.isList() && !values.isEmpty()) {
                problems.add(name + ": only list datatypes take values");
            }
            Set<String> keys = new HashSet<>();
            for (ValueInput v : values) {
                if (v.key() == null
                        || v.key().isBlank()
                        || v.name() == null
                        || v.name().isBlank()) {
                    problems.add(name + ": every value needs a key and a name");
                } else if (!keys.add(v.key())) {
                    problems.add(name + ": value key '" + v.key() + "' is used twice");
                }
            }
        }
        return problems;
    }

    /** The value keys of each attribute code this body defines (none for a non-list attribute). */
    private Map<String, Set<String>> definition() {
        Map<String, Set<String>> keys = new HashMap<>();
        for (AttributeInput a : attributes == null ? List.<AttributeInput>of() : attributes) {
            if (a.code() != null) {
                Set<String> values = new HashSet<>();
                (a.values() == null ? List.<ValueInput>of() : a.values()).forEach(v -> values.add(v.key()));
                keys.put(a.code(), values);
            }
        }
        return keys;
    }

    private void priorityRuleProblems(List<String> problems) {
        if (attributes != null) { // else the stored definition stays, and the caller checks against it
            problems.addAll(ruleProblems(definition()));
        }
    }

    /**
     * A rule names an attribute of the definition ({@code definition}: value keys by attribute code) and,
     * for a list, one of its value keys.
     */
    public List<String> ruleProblems(Map<String, Set<String>> definition) {
        List<String> problems = new ArrayList<>();
        List<PriorityRule> rules = priorityRules == null ? List.of() : priorityRules;
        if (rules.size() > 50) {
            problems.add("priority_rules: at most 50");
        }
        for (PriorityRule rule : rules) {
            if (rule == null) {
                problems.add("priority_rules: a rule is empty");
                continue;
            }
            String name = "priority rule " + (rule.attribute() == null ? "(no attribute)" : rule.attribute());
            if (rule.priority() == null || Priority.fromWire(rule.priority()).isEmpty()) {
                problems.add(name + ": priority must be normal, high or emergency");
            }
            if (rule.value() == null || rule.value().isBlank()) {
                problems.add(name + ": value is required (the answer that raises the priority)");
            }
            Set<String> keys = rule.attribute() == null ? null : definition.get(rule.attribute());
            if (keys == null) {
                problems.add(name + ": attribute must be the code of an attribute of this service");
            } else if (!keys.isEmpty() && !keys.contains(rule.value())) {
                problems.add(name + ": value must be one of the attribute's value keys");
            }
        }
        return problems;
    }
}
