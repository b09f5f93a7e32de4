package io.github.open311server.catalogue;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

/**
 * The jurisdictions and their services, held in memory: every request needs them and they change
 * rarely. Whoever changes the catalogue fires {@link CatalogueChanged}.
 */
@ApplicationScoped
public class Catalogue {

    private volatile Snapshot snapshot;

    private record Snapshot(
            List<Jurisdiction> jurisdictions,
            Map<String, Jurisdiction> byJurisdictionId,
            Map<Long, CatalogueService> servicesById,
            Map<Long, Map<String, CatalogueService>> servicesByJurisdiction,
            Map<Long, List<Long>> unpublishedIdsByJurisdiction,
            Map<Long, Set<String>> localesByJurisdiction,
            Set<String> escalationChains) {}

    @Transactional
    public void refresh() {
        List<Jurisdiction> jurisdictions = JurisdictionEntity.<JurisdictionEntity>listAll().stream()
                .map(Jurisdiction::from)
                .sorted(Comparator.comparing(Jurisdiction::jurisdictionId))
                .toList();
        List<CatalogueService> services = ServiceEntity.<ServiceEntity>listAll().stream()
                .map(CatalogueService::from)
                .toList();
        snapshot = new Snapshot(
                jurisdictions,
                jurisdictions.stream()
                        .collect(Collectors.toUnmodifiableMap(Jurisdiction::jurisdictionId, Function.identity())),
                services.stream().collect(Collectors.toUnmodifiableMap(CatalogueService::id, Function.identity())),
                services.stream()
                        .collect(Collectors.groupingBy(
                                CatalogueService::jurisdictionRef,
                                Collectors.toUnmodifiableMap(CatalogueService::code, Function.identity()))),
                // read by every public list and lookup: worked out once per catalogue change, not per request
                services.stream()
                        .filter(s -> !s.publishesRequests())
                        .sorted(Comparator.comparing(CatalogueService::id))
                        .collect(Collectors.groupingBy(
                                CatalogueService::jurisdictionRef,
                                Collectors.mapping(CatalogueService::id, Collectors.toUnmodifiableList()))),
                jurisdictions.stream()
                        .collect(Collectors.toUnmodifiableMap(Jurisdiction::id, j -> locales(j, services))),
                escalationChains());
    }

    /**
     * Which priorities of which jurisdiction have an escalation chain ({@code "<jurisdiction ref>/<priority>"}):
     * read with the catalogue, so filing a request asks the database for a chain only when there is one.
     */
    @SuppressWarnings("unchecked")
    private static Set<String> escalationChains() {
        List<Object[]> rows = JurisdictionEntity.getEntityManager()
                .createNativeQuery("SELECT jurisdiction_ref, priority FROM escalation_chains")
                .getResultList();
        return rows.stream().map(r -> r[0] + "/" + r[1]).collect(Collectors.toUnmodifiableSet());
    }

    /** The jurisdiction's own language and every one an active service of it is translated into. */
    private static Set<String> locales(Jurisdiction jurisdiction, List<CatalogueService> services) {
        Set<String> locales = new TreeSet<>();
        locales.add(jurisdiction.defaultLocale());
        services.stream()
                .filter(s -> s.jurisdictionRef() == jurisdiction.id() && s.active())
                .forEach(s -> locales.addAll(s.translations().keySet()));
        return Collections.unmodifiableSet(locales);
    }

    /** Drops the snapshot; the next reader loads a fresh one. */
    public void invalidate() {
        snapshot = null;
    }

    /** A committed change of the catalogue: readers from now on see it. */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogueChanged change) {
        invalidate();
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null) {
            refresh();
            s = snapshot;
        }
        return s;
    }

    public List<Jurisdiction> jurisdictions() {
        return current().jurisdictions();
    }

    public Optional<Jurisdiction> jurisdiction(String jurisdictionId) {
        return Optional.ofNullable(current().byJurisdictionId().get(jurisdictionId));
    }

    public Optional<Jurisdiction> jurisdiction(long id) {
        return current().jurisdictions().stream().filter(j -> j.id() == id).findFirst();
    }

    /** The languages the jurisdiction's catalogue can be read in (its default one included). */
    public Set<String> locales(Jurisdiction jurisdiction) {
        return current().localesByJurisdiction().getOrDefault(jurisdiction.id(), Set.of(jurisdiction.defaultLocale()));
    }

    /** Whether requests of this priority have an escalation chain in the jurisdiction. */
    public boolean escalates(long jurisdictionRef, Priority priority) {
        return current().escalationChains().contains(jurisdictionRef + "/" + priority.wireName());
    }

    /** Whether the jurisdiction publishes work orders and assignees in extended_attributes. */
    public boolean publishesWorkOrders(long jurisdictionRef) {
        return jurisdiction(jurisdictionRef)
                .map(Jurisdiction::publishWorkOrders)
                .orElse(false);
    }

    /** Active services of a jurisdiction, in a stable order (group, then name). */
    public List<CatalogueService> activeServices(Jurisdiction jurisdiction) {
        return current().servicesByJurisdiction().getOrDefault(jurisdiction.id(), Map.of()).values().stream()
                .filter(CatalogueService::active)
                .sorted(Comparator.comparing((CatalogueService s) -> s.group() == null ? "" : s.group())
                        .thenComparing(CatalogueService::name)
                        .thenComparing(CatalogueService::code))
                .toList();
    }

    /** A service by code, active or not (old requests of a deactivated service stay readable). */
    public Optional<CatalogueService> service(Jurisdiction jurisdiction, String code) {
        return Optional.ofNullable(current()
                .servicesByJurisdiction()
                .getOrDefault(jurisdiction.id(), Map.of())
                .get(code));
    }

    /** The ids of the services with these codes; codes not in the catalogue match nothing (no error). */
    public List<Long> serviceIds(Jurisdiction jurisdiction, List<String> codes) {
        return codes.stream()
                .map(code -> service(jurisdiction, code))
                .flatMap(Optional::stream)
                .map(CatalogueService::id)
                .toList();
    }

    public Optional<CatalogueService> activeService(Jurisdiction jurisdiction, String code) {
        return service(jurisdiction, code).filter(CatalogueService::active);
    }

    /** Ids of a jurisdiction's blackbox and private services: nothing about their requests is published. */
    public List<Long> unpublishedServiceIds(long jurisdictionRef) {
        return current().unpublishedIdsByJurisdiction().getOrDefault(jurisdictionRef, List.of());
    }

    public CatalogueService serviceById(long id) {
        CatalogueService service = current().servicesById().get(id);
        if (service == null) {
            refresh(); // a service created since the last refresh by another node or a script
            service = current().servicesById().get(id);
        }
        return service;
    }
}
