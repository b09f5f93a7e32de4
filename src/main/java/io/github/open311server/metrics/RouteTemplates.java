package io.github.open311server.metrics;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Tells the HTTP metrics which route answered: the {@code @Path} of the resource class and method, as
 * written (templates, not values), and counts the outcomes of POST requests by status
 * ({@code open311_requests_posted_total}: created, invalid, forbidden, ...).
 */
public class RouteTemplates {

    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

    @Inject
    CurrentVertxRequest current;

    @Inject
    MeterRegistry registry;

    @ServerResponseFilter
    public void remember(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null || current.getCurrent() == null) {
            return;
        }
        String route = TEMPLATES.computeIfAbsent(method, RouteTemplates::template);
        current.getCurrent().put(HttpMetrics.ROUTE, route);
        if ("POST".equals(request.getMethod()) && route.equals("/open311/v2/requests.{format}")) {
            registry.counter("open311.requests.posted", "outcome", PostOutcome.of(response.getStatus()))
                    .increment();
        }
    }

    private static String template(Method method) {
        Path type = method.getDeclaringClass().getAnnotation(Path.class);
        Path own = method.getAnnotation(Path.class);
        String path = (type == null ? "" : type.value()) + (own == null ? "" : "/" + own.value());
        // a code and its format suffix are read as one tail (codes may hold dots): named as what they are
        return path.replaceAll("//+", "/")
                .replace("{tail: .+}", "{id}.{format}")
                .replaceAll("\\{\\s*([\\w-]+)\\s*:[^}]*}", "{$1}");
    }
}
