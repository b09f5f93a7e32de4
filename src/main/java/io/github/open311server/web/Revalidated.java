package io.github.open311server.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks an answer that clients and proxies may keep and revalidate (the catalogue, discovery): it gets an
 * {@code ETag} and {@code Cache-Control}, and {@code If-None-Match} with that tag gets 304 (see {@link EntityTags}).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Revalidated {}
