package io.shadowscale.scaler.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.controller.OperatorResult;
import io.shadowscale.scaler.controller.PairController;
import io.shadowscale.scaler.model.PairState;

/**
 * The operator's HTTP endpoint (JDK HttpServer, see CONTROLLER.md):
 * <pre>
 * GET  /metrics                             the scaler's metrics (Prometheus text or OpenMetrics)
 * GET  /pairs                               every pair's state and history
 * GET  /pairs/{namespace}/{name}            one pair
 * POST /pairs/{namespace}/{name}/resize?replicas=M
 * POST /pairs/{namespace}/{name}/pause      stop automatic decisions
 * POST /pairs/{namespace}/{name}/resume     start them again
 * POST /pairs/{namespace}/{name}/rollback   give up the walk in progress
 * </pre>
 * Answers 200 (accepted), 409 (refused, with the reason), 404 (unknown pair or path), 400 (bad
 * argument), 405 (wrong method).
 */
public final class AdminServer implements AutoCloseable {
    private final PairController controller;
    private final HttpServer server;

    public AdminServer(PairController controller, InetSocketAddress address) throws IOException {
        this(controller, address, new PrometheusRegistry());
    }

    /** The same, also serving {@code registry} on {@code GET /metrics}. */
    public AdminServer(PairController controller, InetSocketAddress address, PrometheusRegistry registry)
            throws IOException {
        this.controller = controller;
        this.server = HttpServer.create(address, 16);
        server.createContext("/pairs", this::handle);
        server.createContext("/metrics", new MetricsHandler(registry));
    }

    public void start() {
        server.start();
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().replaceAll("/+$", "").split("/");
            // parts[0] is "", parts[1] is "pairs"
            String method = exchange.getRequestMethod();
            if (parts.length == 2) {
                respond(exchange, method.equals("GET") ? 200 : 405, method.equals("GET")
                        ? Views.pairs(controller.states()) : Views.result(false, "use GET"));
                return;
            }
            if (parts.length < 4) {
                respond(exchange, 404, Views.result(false, "no such path"));
                return;
            }
            PairKey pair;
            try {
                pair = new PairKey(parts[2], parts[3]);
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, Views.result(false, e.getMessage()));
                return;
            }
            Optional<PairState> state = controller.state(pair);
            if (state.isEmpty()) {
                respond(exchange, 404, Views.result(false, "unknown pair " + pair));
                return;
            }
            if (parts.length == 4) {
                respond(exchange, method.equals("GET") ? 200 : 405, method.equals("GET")
                        ? Views.pair(state.get()) : Views.result(false, "use GET"));
                return;
            }
            if (!method.equals("POST")) {
                respond(exchange, 405, Views.result(false, "use POST"));
                return;
            }
            OperatorResult result;
            switch (parts[4]) {
                case "resize" -> {
                    String replicas = query(exchange).get("replicas");
                    int m;
                    try {
                        m = Integer.parseInt(replicas);
                    } catch (NumberFormatException e) {
                        respond(exchange, 400, Views.result(false, "replicas must be an integer >= 1, was " + replicas));
                        return;
                    }
                    result = controller.requestResize(pair, m);
                }
                case "pause" -> result = controller.setPaused(pair, true);
                case "resume" -> result = controller.setPaused(pair, false);
                case "rollback" -> result = controller.requestRollback(pair);
                default -> {
                    respond(exchange, 404, Views.result(false, "no such action: " + parts[4]
                            + " (resize, pause, resume, rollback)"));
                    return;
                }
            }
            respond(exchange, result.accepted() ? 200 : 409, Views.result(result.accepted(), result.message()));
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new HashMap<>();
        String q = exchange.getRequestURI().getQuery();
        if (q != null) {
            for (String kv : q.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    params.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
    }
}
