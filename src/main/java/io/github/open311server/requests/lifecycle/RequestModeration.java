package io.github.open311server.requests.lifecycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.github.open311server.catalogue.Jurisdiction;
import io.github.open311server.events.EventRedaction;
import io.github.open311server.media.MediaLinks;
import io.github.open311server.requests.ServiceRequestEntity;
import io.github.open311server.time.Datetimes;
import io.github.open311server.web.Open311Exception;
import io.github.open311server.web.Texts;

import static io.github.open311server.requests.lifecycle.Changes.checkVersion;
import static io.github.open311server.requests.lifecycle.Changes.limit;

/**
 * Moderation of what a request publishes, through the one write path: staff redact its public description,
 * address or photos (a citizen who wrote their phone number or a neighbour's name into the text), hide it from
 * every public answer, or publish a pre-moderated one. The values before the first redaction stay visible to
 * staff; the history records which fields changed (not their text); every public answer shows the new form at
 * once, the events already stored for the request included, so a feed read later carries no original.
 */
@ApplicationScoped
public class RequestModeration {

    @Inject
    RequestLifecycle lifecycle;

    @Inject
    RequestJournal journal;

    @Inject
    EventRedaction events;

    @Inject
    Datetimes datetimes;

    @Transactional
    public ServiceRequestEntity moderate(
            Jurisdiction jurisdiction,
            String serviceRequestId,
            ModerationInput input,
            ExpectedVersion expected,
            String actor) {
        ServiceRequestEntity request = lifecycle.findForUpdate(jurisdiction, serviceRequestId);
        checkVersion(request, expected);
        List<String> problems = new ArrayList<>();
        // a given text that cleans to nothing clears the field: "" rather than null, which means "keep"
        String description = input.description() == null ? null : cleaned(input.description());
        String address = input.address() == null ? null : cleaned(input.address());
        String reason = input.reason() == null ? null : blankAsNull(cleaned(input.reason()));
        limit(description, "description", 4000, problems);
        limit(address, "address", 1000, problems);
        limit(reason, "reason", 4000, problems);
        List<String> current = Arrays.asList(request.mediaUrls);
        List<String> kept = input.mediaUrls() == null ? current : stored(input.mediaUrls(), current);
        if (kept == null) {
            problems.add("media_urls may only keep media the request has (as its staff view lists them)");
        }
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(problems);
        }

        List<String> redacted = new ArrayList<>();
        Map<String, Object> changes = new LinkedHashMap<>();
        String newDescription = description == null ? request.description : blankAsNull(description);
        String newAddress = address == null ? request.address : blankAsNull(address);
        List<String> newMedia = kept;
        if (!Objects.equals(newDescription, request.description)) {
            redacted.add("description");
        }
        if (!Objects.equals(newAddress, request.address)) {
            redacted.add("address");
        }
        if (!newMedia.equals(current)) {
            redacted.add("media_urls");
        }
        if (!redacted.isEmpty()) {
            keepOriginals(request, actor);
            changes.put("redacted", redacted);
        }
        boolean hidden = input.hidden() == null ? request.hidden : input.hidden();
        if (hidden != request.hidden) {
            changes.put("hidden", Changes.fromTo(request.hidden, hidden));
        }
        if (changes.isEmpty()) {
            throw Open311Exception.badRequest("Nothing to change: the request already publishes this");
        }
        request.description = newDescription;
        request.address = newAddress;
        current.stream().filter(url -> !newMedia.contains(url)).forEach(RequestModeration::withdraw);
        request.mediaUrls = newMedia.toArray(String[]::new);
        request.hidden = hidden;
        journal.apply(request, new Transition("moderated", changes, null, reason, actor));
        events.redact(request, redacted);
        if (hidden) {
            events.hide(request);
        }
        return request;
    }

    /** The values before the first redaction; a later one keeps them (they are what the citizen wrote). */
    private void keepOriginals(ServiceRequestEntity request, String actor) {
        ServiceRequestEntity.getEntityManager()
                .createNativeQuery("""
                        INSERT INTO request_originals (request_ref, description, address, media_urls, moderated_at, actor)
                        VALUES (:r, :d, :a, CAST(:m AS text[]), :at, :actor) ON CONFLICT (request_ref) DO NOTHING""")
                .setParameter("r", request.id)
                .setParameter("d", request.description)
                .setParameter("a", request.address)
                .setParameter("m", request.mediaUrls)
                .setParameter("at", datetimes.now())
                .setParameter("actor", actor)
                .executeUpdate();
    }

    /** An uploaded photo taken out of the public media is no longer served to the public (staff still see it). */
    private static void withdraw(String url) {
        if (!url.startsWith(MediaLinks.PATH)) {
            return; // a link to elsewhere: only its mention goes
        }
        try {
            UUID id = UUID.fromString(url.substring(MediaLinks.PATH.length()));
            ServiceRequestEntity.getEntityManager()
                    .createNativeQuery("UPDATE request_media SET withdrawn = true WHERE id = :id")
                    .setParameter("id", id)
                    .executeUpdate();
        } catch (IllegalArgumentException e) {
            // not one of ours
        }
    }

    /**
     * The stored form of the media to keep, as given (absolute, as the staff view shows uploads, or as stored);
     * null when one of them is not a medium of the request.
     */
    private static List<String> stored(List<String> given, List<String> current) {
        List<String> kept = new ArrayList<>();
        for (String url : given) {
            String match = current.stream()
                    // an upload is named by its id, whichever link to it was given (public or staff)
                    .filter(u -> u.equals(url)
                            || (u.startsWith(MediaLinks.PATH)
                                    && url.endsWith("/" + u.substring(MediaLinks.PATH.length()))))
                    .findFirst()
                    .orElse(null);
            if (match == null) {
                return null;
            }
            if (!kept.contains(match)) {
                kept.add(match);
            }
        }
        return kept;
    }

    private static String cleaned(String text) {
        String clean = Texts.clean(text);
        return clean == null ? "" : clean.strip();
    }

    private static String blankAsNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
