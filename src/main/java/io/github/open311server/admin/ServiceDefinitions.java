package io.github.open311server.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.open311server.catalogue.AttributeValueEntity;
import io.github.open311server.catalogue.ServiceAttributeEntity;
import io.github.open311server.catalogue.ServiceEntity;

/** A validated {@link ServiceInput} written onto a service entity, its definition replaced as a whole. */
final class ServiceDefinitions {

    private ServiceDefinitions() {}

    static void apply(ServiceEntity service, ServiceInput body) {
        service.serviceName = body.serviceName().strip();
        service.description = body.description();
        service.serviceType = body.type() == null ? "realtime" : body.type();
        service.keywords = body.keywords();
        service.serviceGroup = body.group();
        service.active = body.active() == null || body.active();
        service.defaultAgency = body.defaultAgency();
        service.serviceNotice = body.serviceNotice();
        service.expectedResponse =
                body.expectedResponseHours() == null ? null : Duration.ofHours(body.expectedResponseHours());
        service.reopenWhenNotFixed = body.reopenWhenNotFixed() == null || body.reopenWhenNotFixed();
        service.privateRequests = Boolean.TRUE.equals(body.privateRequests());
        service.premoderated = Boolean.TRUE.equals(body.premoderated());
        service.informational = Boolean.TRUE.equals(body.informational());
        service.defaultPriority = body.defaultPriority() == null ? "normal" : body.defaultPriority();
        service.priorityRules =
                body.priorityRules() == null ? new ArrayList<>() : new ArrayList<>(body.priorityRules());
        service.mailAddresses =
                body.mailAddresses() == null || body.mailAddresses().isEmpty()
                        ? null
                        : body.mailAddresses().toArray(String[]::new);
        if (body.attributes() != null) { // absent: the definition stays as it is; [] clears it
            replaceDefinition(service, body.attributes());
        }
    }

    private static void replaceDefinition(ServiceEntity service, List<ServiceInput.AttributeInput> attributes) {
        service.attributes.clear();
        if (service.id != null) {
            ServiceEntity.getEntityManager().flush(); // old attributes go before new ones reuse their codes and orders
        }
        for (ServiceInput.AttributeInput a : attributes) {
            ServiceAttributeEntity attribute = new ServiceAttributeEntity();
            attribute.service = service;
            attribute.code = a.code();
            attribute.variable = a.variable() == null || a.variable();
            attribute.datatype = a.datatype();
            attribute.required = a.required() != null && a.required();
            attribute.datatypeDescription = a.datatypeDescription();
            attribute.attributeOrder = a.order();
            attribute.description = a.description();
            int position = 1;
            for (ServiceInput.ValueInput v : a.values() == null ? List.<ServiceInput.ValueInput>of() : a.values()) {
                AttributeValueEntity value = new AttributeValueEntity();
                value.attribute = attribute;
                value.key = v.key();
                value.name = v.name();
                value.position = position++;
                attribute.values.add(value);
            }
            service.attributes.add(attribute);
        }
    }
}
