package io.github.open311server.catalogue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A service of the catalogue as the server uses it, with its definition. Immutable. */
public record CatalogueService(
        long id,
        long jurisdictionRef,
        String code,
        String name,
        String description,
        String type,
        String keywords,
        String group,
        boolean active,
        String defaultAgency,
        String serviceNotice,
        Duration expectedResponse,
        boolean reopenWhenNotFixed,
        boolean privateRequests,
        boolean premoderated,
        boolean informational,
        Priority defaultPriority,
        List<PriorityRule> priorityRules,
        List<String> mailAddresses,
        Map<String, ServiceTranslation> translations,
        List<AttributeView> attributes) {

    /** Whether its requests appear in public answers: not when it is private or blackbox. */
    public boolean publishesRequests() {
        return !privateRequests && !"blackbox".equals(type);
    }

    /** The spec's {@code metadata}: true when a client must fetch the definition to post. */
    public boolean metadata() {
        return !attributes.isEmpty();
    }

    /**
     * The service as readers of this language see it: the translated texts where there are some, its own
     * elsewhere. Codes, keys, types and every other field stay as they are.
     */
    public CatalogueService in(String locale) {
        ServiceTranslation t = locale == null ? null : translations.get(locale);
        if (t == null) {
            return this;
        }
        List<AttributeView> translated = attributes.stream()
                .map(a -> translate(a, t.attribute(a.code())))
                .toList();
        return new CatalogueService(
                id,
                jurisdictionRef,
                code,
                or(t.serviceName(), name),
                or(t.description(), description),
                type,
                or(t.keywords(), keywords),
                or(t.group(), group),
                active,
                defaultAgency,
                serviceNotice,
                expectedResponse,
                reopenWhenNotFixed,
                privateRequests,
                premoderated,
                informational,
                defaultPriority,
                priorityRules,
                mailAddresses,
                translations,
                translated);
    }

    private static AttributeView translate(AttributeView a, ServiceTranslation.AttributeTranslation t) {
        if (t == null) {
            return a;
        }
        List<AttributeView.Value> values = a.values() == null
                ? null
                : a.values().stream()
                        .map(v -> new AttributeView.Value(
                                v.key(),
                                or(t.values() == null ? null : t.values().get(v.key()), v.name())))
                        .toList();
        return new AttributeView(
                a.variable(),
                a.code(),
                a.datatype(),
                a.required(),
                or(t.datatypeDescription(), a.datatypeDescription()),
                a.order(),
                or(t.description(), a.description()),
                values);
    }

    private static String or(String translated, String own) {
        return translated == null || translated.isBlank() ? own : translated;
    }

    public ServiceView view() {
        return new ServiceView(code, name, description, metadata(), type, keywords, group);
    }

    public static CatalogueService from(ServiceEntity e) {
        List<AttributeView> attributes = e.attributes.stream()
                .map(a -> new AttributeView(
                        a.variable,
                        a.code,
                        Datatype.fromWire(a.datatype),
                        a.required,
                        a.datatypeDescription == null ? "" : a.datatypeDescription,
                        a.attributeOrder,
                        a.description,
                        Datatype.fromWire(a.datatype).isList()
                                ? a.values.stream()
                                        .map(v -> new AttributeView.Value(v.key, v.name))
                                        .toList()
                                : null))
                .toList();
        return new CatalogueService(
                e.id,
                e.jurisdictionRef,
                e.serviceCode,
                e.serviceName,
                e.description,
                e.serviceType,
                e.keywords,
                e.serviceGroup,
                e.active,
                e.defaultAgency,
                e.serviceNotice,
                e.expectedResponse,
                e.reopenWhenNotFixed,
                e.privateRequests,
                e.premoderated,
                e.informational,
                Priority.fromWire(e.defaultPriority).orElse(Priority.NORMAL),
                List.copyOf(e.priorityRules),
                e.mailAddresses == null ? List.of() : List.of(e.mailAddresses),
                Map.copyOf(e.translations),
                attributes);
    }
}
