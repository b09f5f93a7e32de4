package io.github.open311server.web;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.quarkus.arc.Unremovable;
import io.quarkus.vertx.VertxOptionsCustomizer;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;

/**
 * Requests that the HTTP decoder refuses before any route exists (a request line over the limit, a
 * header section over the limit, a control byte in a header, a request line that does not parse) get
 * an Open311 error document too, instead of Vert.x's empty 400, 414 or 431.
 * <p>
 * Vert.x answers them with its server's {@code invalidRequestHandler}, which Quarkus never exposes (it
 * creates and binds its servers itself). Vert.x does tell its metrics SPI of every request just before
 * it picks that handler, so a metrics hook sets ours on the connection of a request that failed to
 * decode. Vert.x has one metrics slot: a metrics library that needs it (micrometer's Vert.x binder)
 * must take this hook over; until then the slot is ours, and if something else fills it this stays off
 * with a warning. The cast to Vert.x's connection type is internal API of Vert.x 4.
 */
@Singleton
@Unremovable
public class MalformedRequests implements VertxOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(MalformedRequests.class);

    /** The URI Netty gives a request whose request line it could not read: the real path is lost. */
    private static final String UNREADABLE = "/bad-request";

    @Inject
    Renderer renderer;

    @Override
    public void accept(VertxOptions options) {
        MetricsOptions metrics = options.getMetricsOptions();
        if (metrics != null && (metrics.isEnabled() || metrics.getFactory() != null)) {
            LOG.warn("Vert.x metrics are in use: requests the HTTP decoder refuses are answered without a body");
            return;
        }
        HttpServerMetrics<Void, Void, Void> hook = new HttpServerMetrics<>() {
            @Override
            public Void requestBegin(Void socket, HttpRequest request) {
                if (request instanceof HttpServerRequest req
                        && req.decoderResult().isFailure()
                        && req.connection() instanceof HttpServerConnection connection) {
                    connection.invalidRequestHandler(MalformedRequests.this::answer);
                }
                return null;
            }
        };
        options.setMetricsOptions(new MetricsOptions().setEnabled(true).setFactory(vertxOptions -> new VertxMetrics() {
            @Override
            public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions server, SocketAddress local) {
                return hook;
            }
        }));
    }

    private void answer(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = cause instanceof TooLongHttpLineException
                ? 414
                : cause instanceof TooLongHttpHeaderException ? 431 : 400;
        String uri = request.uri();
        String path = uri == null || UNREADABLE.equals(uri) ? "" : uri.split("[?#]", 2)[0];
        Format format = Format.forErrorsOf(path); // XML when the path, and so the format, is unknown
        byte[] body = renderer.bytes(format, new ErrorsDocument(List.of(new Open311Error(status, describe(status)))));
        // the decoder cannot read on after a malformed message: answer, then close like Vert.x would
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", format.mediaType())
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Connection", "close")
                .end(Buffer.buffer(body))
                .onComplete(done -> request.connection().close());
    }

    /** Never the decoder's own message: it may quote the offending bytes. */
    private static String describe(int status) {
        return switch (status) {
            case 414 -> "The request line is too long (GET takes up to 1,000 ids; post longer lists)";
            case 431 -> "The request's header section is too large";
            default ->
                "The request is not well-formed HTTP/1.1 (a request line that does not parse, "
                        + "or a header with a control character)";
        };
    }
}
