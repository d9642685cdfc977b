package io.shadowscale.scaler.admin;

import com.sun.net.httpserver.HttpExchange;
import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.model.PairState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The JSON answers and the small request parsing both admin endpoints share. */
final class Replies {
    private Replies() {}

    /** The path's parts: {@code ["", "pairs", namespace, name, action]}, trailing slashes dropped. */
    static String[] parts(HttpExchange exchange) {
        return exchange.getRequestURI().getPath().replaceAll("/+$", "").split("/");
    }

    /**
     * The state of the pair the path names ({@code parts[2]}/{@code parts[3]}), or empty once
     * answered 400 (not a valid pair name) or 404 (no such pair).
     */
    static Optional<PairState> pair(HttpExchange exchange, String[] parts, PairOperations pairs) throws IOException {
        PairKey pair;
        try {
            pair = new PairKey(parts[2], parts[3]);
        } catch (IllegalArgumentException e) {
            result(exchange, 400, false, e.getMessage());
            return Optional.empty();
        }
        Optional<PairState> state = pairs.state(pair);
        if (state.isEmpty()) {
            result(exchange, 404, false, "unknown pair " + pair);
        }
        return state;
    }

    static Map<String, String> query(HttpExchange exchange) {
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

    static void result(HttpExchange exchange, int status, boolean accepted, String message) throws IOException {
        json(exchange, status, Views.result(accepted, message));
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
