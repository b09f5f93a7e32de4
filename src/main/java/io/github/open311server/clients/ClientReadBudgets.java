package io.github.open311server.clients;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.open311server.config.Open311Config;
import io.github.open311server.web.KeyedReadBudgets;

/** A live key's budget of GETs per minute: the API client's own, else the server's default. */
@ApplicationScoped
public class ClientReadBudgets implements KeyedReadBudgets {

    @Inject
    ApiKeys apiKeys;

    @Inject
    Open311Config config;

    @Override
    public Optional<Budget> known(String apiKey) {
        if (!plausible(apiKey)) {
            return Optional.empty();
        }
        return apiKeys.knownReader(apiKey)
                .map(reader -> new Budget(
                        "key:read:" + reader.clientId(),
                        reader.getsPerMinute() != null
                                ? reader.getsPerMinute()
                                : config.rateLimits().getsPerKeyPerMinute()));
    }

    @Override
    public void learn(String apiKey) {
        if (plausible(apiKey)) {
            apiKeys.reader(apiKey);
        }
    }

    private static boolean plausible(String apiKey) {
        return apiKey != null && !apiKey.isBlank() && apiKey.length() <= 200;
    }
}
