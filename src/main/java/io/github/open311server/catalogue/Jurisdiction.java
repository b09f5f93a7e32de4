package io.github.open311server.catalogue;

import java.time.OffsetDateTime;

/** A jurisdiction as the API sees it: its internal key, its Open311 id, and its catalogue changeset. */
public record Jurisdiction(long id, String jurisdictionId, String name, OffsetDateTime changeset) {

    public static Jurisdiction from(JurisdictionEntity e) {
        return new Jurisdiction(e.id, e.jurisdictionId, e.name, e.catalogueChangedAt);
    }
}
