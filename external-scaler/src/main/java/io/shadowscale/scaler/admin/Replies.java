package io.shadowscale.scaler.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/** The JSON answers and the small request parsing both admin endpoints share. */
final class Replies {
    private Replies() {
    }

    /** The path's parts: {@code ["", "pairs", namespace, name, action]}, trailing slashes dropped. */
    static String[] parts(HttpExchange exchange) {
        return exchange.getRequestURI().getPath().replaceAll("/+$", "").split("/");
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
