package io.github.open311server.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code http_server_requests_seconds}: every answer, timed from its first byte in to its last byte out, by
 * method, route template (never a raw path: {@code /open311/v2/requests/{id}.{format}}, so ids
 * cannot blow up the series), status class and outcome. Measured at the HTTP layer, so answers the guard gives
 * before any resource (408, 413, 429) are counted too, under the route {@code none}. Micrometer's own HTTP
 * binder needs Vert.x's single metrics slot, which {@code web.MalformedRequests} holds; hence this one.
 */
@ApplicationScoped
public class HttpMetrics {

    static final String ROUTE = "open311.route";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Inject
    MeterRegistry registry;

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::time);
    }

    private void time(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addEndHandler(done -> record(ctx, System.nanoTime() - started));
        ctx.next();
    }

    private void record(RoutingContext ctx, long nanos) {
        String method = ctx.request().method().name();
        int status = ctx.response().getStatusCode();
        String route = ctx.get(ROUTE);
        String key = (METHODS.contains(method) ? method : "OTHER") + " "
                + (route == null ? (ctx.request().path().startsWith("/q/") ? "/q" : "none") : route) + " "
                + (status / 100) + "xx";
        timers.computeIfAbsent(key, this::timer).record(Duration.ofNanos(nanos));
    }

    /** One timer per method, route and status class: built once, not on every answer. */
    private Timer timer(String key) {
        String[] parts = key.split(" ", 3);
        char statusClass = parts[2].charAt(0);
        return Timer.builder("http.server.requests")
                .description("HTTP answers by route template and status class")
                .tag("method", parts[0])
                .tag("route", parts[1])
                .tag("status", parts[2])
                .tag("outcome", statusClass < '4' ? "success" : statusClass == '4' ? "client_error" : "server_error")
                .serviceLevelObjectives(
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofMillis(2500),
                        Duration.ofSeconds(5))
                .register(registry);
    }
}
