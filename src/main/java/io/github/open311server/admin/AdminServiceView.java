package io.github.open311server.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.github.open311server.catalogue.AttributeView;
import io.github.open311server.catalogue.CatalogueService;
import io.github.open311server.catalogue.PriorityRule;

/** A service as admins read it back: the fields they write (same names), inactive services included. */
public record AdminServiceView(
        String serviceCode,
        String serviceName,
        String description,
        String type,
        String keywords,
        String group,
        boolean active,
        String defaultAgency,
        String serviceNotice,
        Long expectedResponseHours,
        boolean reopenWhenNotFixed,
        @JsonProperty("private") boolean privateRequests,
        boolean premoderated,
        boolean informational,
        String defaultPriority,
        List<PriorityRule> priorityRules,
        List<String> mailAddresses,
        List<AttributeView> attributes) {

    static AdminServiceView of(CatalogueService s) {
        return new AdminServiceView(
                s.code(),
                s.name(),
                s.description(),
                s.type(),
                s.keywords(),
                s.group(),
                s.active(),
                s.defaultAgency(),
                s.serviceNotice(),
                s.expectedResponse() == null ? null : s.expectedResponse().toHours(),
                s.reopenWhenNotFixed(),
                s.privateRequests(),
                s.premoderated(),
                s.informational(),
                s.defaultPriority().wireName(),
                s.priorityRules(),
                s.mailAddresses(),
                s.attributes());
    }
}
