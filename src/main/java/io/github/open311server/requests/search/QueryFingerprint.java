package io.github.open311server.requests.search;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import jakarta.ws.rs.core.MultivaluedMap;

import io.github.open311server.clients.Sha256;

/**
 * What makes two calls the same query, so a page token cannot be replayed on a different one: every parameter
 * but those that move through pages, in name order. Shared by the public list and the staff work queue (whose
 * {@code prefix} keeps their tokens apart); the public list's form is unchanged, so its issued tokens stay valid.
 */
public final class QueryFingerprint {

    private QueryFingerprint() {}

    public static String of(
            String prefix, long jurisdictionRef, MultivaluedMap<String, String> params, Set<String> paging) {
        TreeMap<String, List<String>> canonical = new TreeMap<>();
        params.forEach((name, values) -> {
            if (!paging.contains(name) && values.stream().anyMatch(v -> !v.isBlank())) {
                canonical.put(name, values);
            }
        });
        return Sha256.hex(prefix + jurisdictionRef + "|" + canonical).substring(0, 16);
    }
}
