package io.github.open311server.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A real HTTP receiver in the test's JVM: it records every delivery per path and answers with the
 * statuses planned for that path (then 200). A planned 0 means "answer only after 3 s" (a timeout).
 */
final class Receiver implements AutoCloseable {

    record Delivery(String path, Map<String, String> headers, String body) {}

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, List<Delivery>> received = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> planned = new ConcurrentHashMap<>();

    Receiver() throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    Map<String, String> headers = new ConcurrentHashMap<>();
                    request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                    String path = request.path();
                    received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                            .add(new Delivery(path, headers, body.toString(StandardCharsets.UTF_8)));
                    Integer status = planned.getOrDefault(path, new ConcurrentLinkedDeque<>())
                            .poll();
                    if (status != null && status == 0) {
                        vertx.setTimer(
                                3000, t -> request.response().setStatusCode(200).end("late"));
                    } else {
                        request.response()
                                .setStatusCode(status == null ? 200 : status)
                                .end("ok " + path);
                    }
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    void plan(String path, Integer... statuses) {
        planned.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
    }

    List<Delivery> received(String path) {
        return new ArrayList<>(received.getOrDefault(path, List.of()));
    }

    /** Waits (at most 30 s) until the deliveries to a path satisfy the condition; returns them. */
    List<Delivery> await(String path, Predicate<List<Delivery>> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            List<Delivery> now = received(path);
            if (condition.test(now)) {
                return now;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("deliveries to " + path + " never met the condition; got " + received(path));
    }

    @Override
    public void close() {
        vertx.close();
    }
}
