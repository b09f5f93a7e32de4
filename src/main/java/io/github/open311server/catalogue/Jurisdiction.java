package io.github.open311server.catalogue;

import java.time.OffsetDateTime;

/**
 * A jurisdiction as the API sees it: its internal key, its Open311 id, its catalogue changeset,
 * whether it publishes work orders in extended_attributes, and when its departments are reminded of
 * requests (still received after so many hours, null: never; past their expected datetime), and the
 * language its catalogue is written in.
 */
public record Jurisdiction(
        long id,
        String jurisdictionId,
        String name,
        OffsetDateTime changeset,
        boolean publishWorkOrders,
        Integer remindReceivedAfterHours,
        boolean remindWhenOverdue,
        String defaultLocale) {

    public static Jurisdiction from(JurisdictionEntity e) {
        return new Jurisdiction(
                e.id,
                e.jurisdictionId,
                e.name,
                e.catalogueChangedAt,
                e.publishWorkOrders,
                e.remindReceivedAfterHours,
                e.remindWhenOverdue,
                e.defaultLocale);
    }
}
