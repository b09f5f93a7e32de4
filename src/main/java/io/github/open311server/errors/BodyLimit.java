package io.github.open311server.errors;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.github.open311server.format.Format;
import io.github.open311server.format.Renderer;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

/**
 * Refuses a body announced as larger than the limit before reading any of it, with a 413 error
 * document in the requested format (the framework's own 413 has no body at all).
 */
@ApplicationScoped
public class BodyLimit {

    @Inject
    Renderer renderer;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(-100).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && tooLarge(length, limit)) {
                Format format = Format.forErrorsOf(ctx.normalizedPath());
                byte[] body = renderer.bytes(format, new ErrorsDocument(List.of(new Open311Error(413,
                        "The request body is larger than " + (limit / (1024 * 1024)) + " MB"))));
                ctx.response().setStatusCode(413).putHeader("Content-Type", format.mediaType())
                        .putHeader("Connection", "close").end(io.vertx.core.buffer.Buffer.buffer(body))
                        .onComplete(done -> ctx.request().connection().close());   // the unread body is not wanted
                return;
            }
            ctx.next();
        });
    }

    private static boolean tooLarge(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;   // the HTTP layer rejects a malformed length itself
        }
    }
}
