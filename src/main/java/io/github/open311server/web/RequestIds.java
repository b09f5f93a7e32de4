package io.github.open311server.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Every answer carries an {@code X-Request-Id} (the client's or the proxy's when it sent a sane one, else a new
 * UUID) and the security headers no answer of this API should lack: {@code X-Content-Type-Options: nosniff}
 * (nothing is to be sniffed into HTML) and {@code Referrer-Policy: no-referrer}. Set first, before the guard,
 * so refusals and error documents carry them too. The id is in the log's MDC as {@code request_id}.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";

    /** What may come in: what proxies and tracing systems send, and nothing that could forge a log line. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::tag);
    }

    private void tag(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        ctx.put(HEADER, id);
        ctx.response()
                .putHeader(HEADER, id)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        MDC.put("request_id", id);
        ctx.addEndHandler(done -> MDC.remove("request_id"));
        ctx.next();
    }
}
