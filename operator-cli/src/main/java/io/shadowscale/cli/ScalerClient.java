package io.shadowscale.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;

/**
 * The scaler's admin and operator endpoints over HTTP ({@link HttpClient}). A 2xx answer is
 * returned as JSON; any other answer is a {@link CliException} with exit code 1 carrying the
 * scaler's message, and a scaler that cannot be reached one with exit code 3 naming the URL.
 */
final class ScalerClient {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    ScalerClient(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** A client with a 5 s connect and a 15 s answer timeout. */
    static ScalerClient standard() {
        return new ScalerClient(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(15));
    }

    /** {@code GET base + path} on the read-only admin endpoint. */
    JsonNode get(URI base, String path) {
        return send(HttpRequest.newBuilder(resolve(base, path)).GET(), "admin endpoint (--admin-url)", false);
    }

    /** {@code POST base + path} on the operator endpoint, with {@code token} as the bearer token if given. */
    JsonNode post(URI base, String path, Optional<String> token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(resolve(base, path)).POST(HttpRequest.BodyPublishers.noBody());
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return send(request, "operator endpoint (--operator-url)", token.isEmpty());
    }

    private JsonNode send(HttpRequest.Builder builder, String endpoint, boolean noToken) {
        HttpRequest request = builder.timeout(timeout).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliException(
                    ShadowscaleCli.UNREACHABLE,
                    "cannot connect to the " + endpoint + " at " + request.uri() + ": " + reason(e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(1, "interrupted while calling " + request.uri(), e);
        }
        String where = " (HTTP " + response.statusCode() + " from " + request.method() + " " + request.uri() + ")";
        JsonNode body;
        try {
            body = MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new CliException(1, "error: the answer is not JSON: " + shorten(response.body()) + where, e);
        }
        if (response.statusCode() / 100 != 2) {
            String message =
                    body.path("message").isTextual() ? body.path("message").asText() : shorten(response.body());
            String hint = response.statusCode() == 401 && noToken
                    ? "\nno token was given: use --token, --token-file or " + ShadowscaleCli.TOKEN_VARIABLE
                    : "";
            throw new CliException(1, "error: " + message + where + hint, null);
        }
        return body;
    }

    private static URI resolve(URI base, String path) {
        String root = base.toString().replaceAll("/+$", "");
        return URI.create(root + path);
    }

    /** Why a connection failed; the JDK's exceptions often carry the reason only in their type. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e instanceof ConnectException
                ? "connection refused"
                : e.getClass().getSimpleName();
    }

    private static String shorten(String text) {
        String s = text.strip();
        return s.isEmpty() ? "(empty answer)" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
