package io.github.open311server.requests.intake;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.open311server.clients.ApiClientEntity;
import io.github.open311server.clients.Sha256;
import io.github.open311server.web.FormFields;
import io.github.open311server.web.Open311Exception;

/**
 * The {@code Idempotency-Key} header on POST requests (IETF draft-ietf-httpapi-idempotency-key-header):
 * the first POST with a key claims it inside the transaction that files the request; a retry with the
 * same key and payload gets the stored answer, one with another payload 422. A concurrent retry waits
 * on the claim's row lock and then replays, so one key never files two requests. Keys are scoped to the
 * API client, and failed requests (validation errors) are not stored, since their transaction rolls back.
 */
@ApplicationScoped
public class IdempotencyKeys {

    @Inject
    EntityManager em;

    /** The application's mapper (Quarkus configures it, with the project's text rule), not one of its own. */
    @Inject
    ObjectMapper json;

    /** The stored answer of an earlier POST with this key, or empty once this POST has claimed the key. */
    @SuppressWarnings("unchecked")
    public Optional<PostedRequest> claim(ApiClientEntity client, String key, String payloadHash) {
        int claimed = em.createNativeQuery("""
                INSERT INTO idempotency_keys (api_client_ref, idempotency_key, payload_hash)
                VALUES (:client, :key, :hash) ON CONFLICT DO NOTHING""")
                .setParameter("client", client.id)
                .setParameter("key", key)
                .setParameter("hash", payloadHash)
                .executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT payload_hash, CAST(answer AS text) FROM idempotency_keys WHERE api_client_ref = :client AND idempotency_key = :key")
                .setParameter("client", client.id)
                .setParameter("key", key)
                .getResultList();
        Object[] row = rows.get(0);
        if (!payloadHash.equals(row[0])) {
            throw new Open311Exception(422, List.of("Idempotency-Key '" + key + "' was used for a different request"));
        }
        try {
            return Optional.of(json.readValue((String) row[1], PostedRequest.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored answer unreadable", e);
        }
    }

    public void complete(ApiClientEntity client, String key, PostedRequest answer) {
        try {
            em.createNativeQuery("""
                    UPDATE idempotency_keys SET answer = CAST(:answer AS jsonb)
                     WHERE api_client_ref = :client AND idempotency_key = :key""")
                    .setParameter("answer", json.writeValueAsString(answer))
                    .setParameter("client", client.id)
                    .setParameter("key", key)
                    .executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gives a claimed key back: a duplicate hint filed nothing, so the confirming POST may use the same key. */
    public void release(ApiClientEntity client, String key) {
        em.createNativeQuery("DELETE FROM idempotency_keys WHERE api_client_ref = :client AND idempotency_key = :key")
                .setParameter("client", client.id)
                .setParameter("key", key)
                .executeUpdate();
    }

    /** The key as sent: a structured-field string may come quoted. */
    public static String normalise(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String key = header.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw Open311Exception.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID");
        }
        return key;
    }

    /** What makes two POSTs the same: every field but the key itself, and the bytes of every upload. */
    public static String fingerprint(FormFields form) {
        Map<String, Object> canonical = new TreeMap<>(form.snapshot());
        canonical.remove("api_key");
        int i = 0;
        for (FormFields.UploadedFile file : form.files()) {
            canonical.put("\u0000file" + (i++), file.fieldName() + ":" + digest(file));
        }
        return Sha256.hex(canonical.toString());
    }

    private static String digest(FormFields.UploadedFile file) {
        try (InputStream in = file.open()) {
            return Sha256.hex(in);
        } catch (IOException e) {
            throw file.unreadable();
        }
    }
}
