package io.github.open311server.catalogue;

/**
 * Fired (as a CDI event, inside the transaction) by whoever changes jurisdictions, services or
 * agencies. The in-memory catalogue reloads once the change has committed; a rolled-back change
 * leaves it as it was. {@code serviceCode} is null when the change is not about one service.
 */
public record CatalogueChanged(long jurisdictionRef, String serviceCode, String what) {}
