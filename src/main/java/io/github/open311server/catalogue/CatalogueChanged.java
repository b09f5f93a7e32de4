package io.github.open311server.catalogue;

/**
 * Fired (as a CDI event, inside the transaction) by whoever changes jurisdictions, services or
 * agencies. The in-memory catalogue reloads once the change has committed; a rolled-back change
 * leaves it as it was. {@code name} is the service code or the agency name (null for a jurisdiction).
 */
public record CatalogueChanged(long jurisdictionRef, Kind kind, String name) {

    public enum Kind {
        JURISDICTION,
        SERVICE,
        AGENCY
    }
}
