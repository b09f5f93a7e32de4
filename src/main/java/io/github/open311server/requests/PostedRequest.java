package io.github.open311server.requests;

/**
 * The spec's minimal POST answer: the id for realtime services, a token for batch services,
 * neither for blackbox services.
 */
public record PostedRequest(String serviceRequestId, String token, String serviceNotice, String accountId) {
}
