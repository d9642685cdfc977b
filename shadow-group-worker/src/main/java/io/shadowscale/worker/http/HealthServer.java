package io.shadowscale.worker.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shadowscale.worker.model.WorkerSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The worker's HTTP endpoints (JDK server, no extra dependency): {@code /healthz} (200 while the
 * poll loop runs), {@code /readyz} (200 when SHADOW with a stable assignment, or ACTIVE) and
 * {@code /metrics} (the registry, in the format the scraper asks for: Prometheus text or
 * OpenMetrics, by the Prometheus Java client's handler).
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    public HealthServer(int port, BooleanSupplier alive, Supplier<WorkerSnapshot> snapshot, PrometheusRegistry registry)
            throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(port), 0);
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "worker-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/healthz", exchange -> {
            boolean ok = alive.getAsBoolean();
            reply(
                    exchange,
                    ok ? 200 : 503,
                    ok ? "ok\n" : "poll loop stopped: " + snapshot.get().failure() + "\n",
                    "text/plain; charset=utf-8");
        });
        server.createContext("/readyz", exchange -> {
            WorkerSnapshot s = snapshot.get();
            reply(
                    exchange,
                    s.ready() ? 200 : 503,
                    s.mode() + (s.ready() ? " ready\n" : " not ready\n"),
                    "text/plain; charset=utf-8");
        });
        server.createContext("/metrics", new MetricsHandler(registry));
        server.start();
    }

    /** The port it listens on (the chosen one when started with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
