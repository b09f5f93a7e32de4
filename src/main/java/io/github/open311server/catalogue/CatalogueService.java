package io.github.open311server.catalogue;

import java.time.Duration;
import java.util.List;

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
        Priority defaultPriority,
        List<PriorityRule> priorityRules,
        List<String> mailAddresses,
        List<AttributeView> attributes) {

    /** The spec's {@code metadata}: true when a client must fetch the definition to post. */
    public boolean metadata() {
        return !attributes.isEmpty();
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
                Priority.fromWire(e.defaultPriority).orElse(Priority.NORMAL),
                List.copyOf(e.priorityRules),
                e.mailAddresses == null ? List.of() : List.of(e.mailAddresses),
                attributes);
    }
}
