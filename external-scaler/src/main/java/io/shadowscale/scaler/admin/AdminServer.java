package io.shadowscale.scaler.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.model.PairState;

/**
 * The read-only admin endpoint (JDK HttpServer, see docs/operations/admin-api.md), the one monitoring may reach:
 * <pre>
 * GET  /metrics                             the scaler's metrics (Prometheus text or OpenMetrics)
 * GET  /pairs                               every pair's state and history
 * GET  /pairs/{namespace}/{name}            one pair
 * </pre>
 * Answers 200, 404 (unknown pair or path), 400 (bad pair name), 405 (any other method). The calls
 * that change a pair are served on the {@link OperatorServer}'s port only; here they answer 405
 * naming it.
 */
public final class AdminServer implements AutoCloseable {
    static final String READ_ONLY = "this port is read-only: resize, pause, resume and rollback are served on the "
            + "operator port (SHADOWSCALE_OPERATOR_PORT, off unless configured) with a bearer token";

    private final PairOperations pairs;
    private final HttpServer server;

    /** Serves {@code pairs} and {@code registry} on {@code address}. */
    public AdminServer(PairOperations pairs, InetSocketAddress address, PrometheusRegistry registry)
            throws IOException {
        this.pairs = pairs;
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
            String[] parts = Replies.parts(exchange);
            if (!exchange.getRequestMethod().equals("GET")) {
                Replies.result(exchange, 405, false, parts.length == 5 ? READ_ONLY : "use GET");
                return;
            }
            if (parts.length == 2) {
                Replies.json(exchange, 200, Views.pairs(pairs.states()));
                return;
            }
            if (parts.length != 4) {
                Replies.result(exchange, 404, false, "no such path");
                return;
            }
            PairKey pair;
            try {
                pair = new PairKey(parts[2], parts[3]);
            } catch (IllegalArgumentException e) {
                Replies.result(exchange, 400, false, e.getMessage());
                return;
            }
            Optional<PairState> state = pairs.state(pair);
            if (state.isEmpty()) {
                Replies.result(exchange, 404, false, "unknown pair " + pair);
                return;
            }
            Replies.json(exchange, 200, Views.pair(state.get()));
        }
    }

    @Override
    public void close() {
        server.stop(1);
    }
}
