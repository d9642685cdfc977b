package io.shadowscale.scaler.admin;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shadowscale.scaler.model.PairState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The read-only admin endpoint (JDK HttpServer, see docs/operations/admin-api.md), the one monitoring may reach:
 * <pre>
 * GET  /metrics                             the scaler's metrics (Prometheus text or OpenMetrics)
 * GET  /pairs                               every pair: state, slot sizes, traffic, history and walks
 * GET  /pairs/{namespace}/{name}            one pair
 * </pre>
 * Answers 200, 404 (unknown pair or path), 400 (bad pair name), 405 (any other method). The calls
 * that change a pair are served on the {@link OperatorServer}'s port only; here they answer 405
 * naming it.
 */
public final class AdminServer extends HttpEndpoint {
    static final String READ_ONLY = "this port is read-only: resize, pause, resume and rollback are served on the "
            + "operator port (SHADOWSCALE_OPERATOR_PORT, off unless configured) with a bearer token";

    private final PairOperations pairs;

    /** Serves {@code pairs} and {@code registry} on {@code address}. */
    public AdminServer(PairOperations pairs, InetSocketAddress address, PrometheusRegistry registry)
            throws IOException {
        super(address);
        this.pairs = pairs;
        server.createContext("/pairs", this::handle);
        server.createContext("/metrics", new MetricsHandler(registry));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = Replies.parts(exchange);
            if (!exchange.getRequestMethod().equals("GET")) {
                Replies.result(exchange, 405, false, parts.length == 5 ? READ_ONLY : "use GET");
                return;
            }
            if (parts.length == 2) {
                Replies.json(exchange, 200, Views.pairs(pairs.states(), pairs));
                return;
            }
            if (parts.length != 4) {
                Replies.result(exchange, 404, false, "no such path");
                return;
            }
            Optional<PairState> state = Replies.pair(exchange, parts, pairs);
            if (state.isPresent()) {
                Replies.json(exchange, 200, Views.pair(state.get(), pairs));
            }
        }
    }
}
