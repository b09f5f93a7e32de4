package io.github.open311server.web;

/** One problem, as the spec's {@code <error><code/><description/></error>}. */
public record Open311Error(int code, String description) {}
