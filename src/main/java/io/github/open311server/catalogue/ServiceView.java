package io.github.open311server.catalogue;

/** A {@code <service>} of the service list. */
public record ServiceView(
        String serviceCode,
        String serviceName,
        String description,
        boolean metadata,
        String type,
        String keywords,
        String group) {}
