package io.github.open311server.catalogue;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import io.github.open311server.config.Open311Config;

/** A fresh database gets the configured jurisdiction, so a single-city server works from its first start. */
@ApplicationScoped
public class JurisdictionBootstrap {

    private static final Logger LOG = Logger.getLogger(JurisdictionBootstrap.class);

    @Transactional
    void onStart(@Observes @Priority(10) StartupEvent event, Open311Config config) {
        if (JurisdictionEntity.count() > 0) {
            return;
        }
        JurisdictionEntity jurisdiction = new JurisdictionEntity();
        jurisdiction.jurisdictionId = config.jurisdiction().id();
        jurisdiction.name = config.jurisdiction().name();
        jurisdiction.persist();
        LOG.infof("Created jurisdiction %s (%s)", jurisdiction.jurisdictionId, jurisdiction.name);
    }
}
