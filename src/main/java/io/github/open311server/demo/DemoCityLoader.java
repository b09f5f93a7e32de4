package io.github.open311server.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

import io.github.open311server.catalogue.Catalogue;
import io.github.open311server.catalogue.JurisdictionEntity;
import io.github.open311server.catalogue.ServiceEntity;
import io.github.open311server.clients.ApiClientEntity;
import io.github.open311server.clients.ApiKeys;
import io.github.open311server.config.Open311Config;

/**
 * Fills an empty jurisdiction with the demo city of Riverton (catalogue, agencies, a few hundred
 * requests and a public demo API key). Only the demo profile enables it; the production profile
 * refuses it whatever the configuration says.
 */
@ApplicationScoped
public class DemoCityLoader {

    private static final Logger LOG = Logger.getLogger(DemoCityLoader.class);

    @Inject
    Open311Config config;

    @Inject
    EntityManager em;

    @Inject
    Catalogue catalogue;

    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (!config.demo().enabled()) {
            return;
        }
        if (ConfigUtils.getProfiles().contains("prod")
                        && !ConfigUtils.getProfiles().contains("demo")
                || LaunchMode.current() == LaunchMode.TEST) {
            LOG.warn("open311.demo.enabled is ignored outside the demo profile");
            return;
        }
        if (load()) {
            LOG.infof(
                    "Loaded the demo city into jurisdiction %s",
                    config.jurisdiction().id());
        }
        catalogue.refresh();
    }

    @Transactional
    boolean load() {
        JurisdictionEntity jurisdiction = JurisdictionEntity.find(
                        "jurisdictionId", config.jurisdiction().id())
                .firstResult();
        if (jurisdiction == null || ServiceEntity.count("jurisdictionRef", jurisdiction.id) > 0) {
            return false; // a second `make run` keeps the data it already has
        }
        String literal = "'" + jurisdiction.jurisdictionId.replace("'", "''") + "'";
        String script = resource("/demo/riverton.sql").replace(":'jurisdiction'", literal);
        em.unwrap(Session.class).doWork(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute(script);
            }
        });
        ApiClientEntity client = new ApiClientEntity();
        client.name = "Demo key (public)";
        client.jurisdictionRef = jurisdiction.id;
        client.keyPrefix = config.demo()
                .apiKey()
                .substring(0, Math.min(8, config.demo().apiKey().length()));
        client.keyHash = ApiKeys.hash(config.demo().apiKey());
        client.persist();
        return true;
    }

    private static String resource(String path) {
        try (InputStream in = DemoCityLoader.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
