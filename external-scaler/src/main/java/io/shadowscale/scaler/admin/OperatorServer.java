package io.shadowscale.scaler.admin;

import com.sun.net.httpserver.HttpExchange;
import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.config.OperatorAccess;
import io.shadowscale.scaler.controller.OperatorResult;
import io.shadowscale.scaler.k8s.PairEvents;
import io.shadowscale.scaler.model.PairState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator endpoint: the calls that change a pair, on a port of their own, off unless
 * configured ({@code SHADOWSCALE_OPERATOR_PORT}), each needing {@code Authorization: Bearer <token>}
 * with a token of {@link OperatorAccess#tokens()}:
 * <pre>
 * POST /pairs/{namespace}/{name}/resize?replicas=M
 * POST /pairs/{namespace}/{name}/pause      stop automatic decisions
 * POST /pairs/{namespace}/{name}/resume     start them again
 * POST /pairs/{namespace}/{name}/rollback   give up the walk in progress
 * </pre>
 * Answers 401 (no or wrong token, nothing else is looked at), 200 (accepted), 409 (refused, with
 * the reason), 404 (unknown pair or path), 400 (bad argument), 405 (wrong method). Every call with
 * a valid token is logged naming its caller and address, and recorded as a Kubernetes Event on the
 * pair's ScaledObjects ({@code OperatorResize}, {@code OperatorPause}, ...; Warning when refused).
 */
public final class OperatorServer extends HttpEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorServer.class);
    static final String MISSING = "missing bearer token: send Authorization: Bearer <token>";
    static final String WRONG = "invalid bearer token";

    private final PairOperations pairs;
    private final PairEvents events;
    private final Map<String, byte[]> digests = new TreeMap<>();

    /**
     * @param tokens bearer token by caller name ({@link OperatorAccess#tokens()})
     * @param events where each call is recorded ({@link PairEvents#none()} without Kubernetes)
     */
    public OperatorServer(
            PairOperations pairs, PairEvents events, Map<String, String> tokens, InetSocketAddress address)
            throws IOException {
        super(address);
        this.pairs = pairs;
        this.events = events;
        tokens.forEach((caller, token) -> digests.put(caller, digest(token)));
        server.createContext("/", this::handle);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            Optional<String> caller = header == null || !header.startsWith("Bearer ")
                    ? Optional.empty()
                    : callerOf(header.substring("Bearer ".length()).strip());
            if (caller.isEmpty()) {
                String why = header == null || !header.startsWith("Bearer ") ? MISSING : WRONG;
                LOG.warn(
                        "operator call refused ({}) from {}: {} {}",
                        why,
                        exchange.getRemoteAddress(),
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath());
                exchange.getResponseHeaders()
                        .set(
                                "WWW-Authenticate",
                                "Bearer realm=\"shadowscale\""
                                        + (why.equals(WRONG) ? ", error=\"invalid_token\"" : ""));
                Replies.result(exchange, 401, false, why);
                return;
            }
            call(exchange, caller.get());
        }
    }

    private void call(HttpExchange exchange, String caller) throws IOException {
        String[] parts = Replies.parts(exchange);
        if (parts.length != 5 || !parts[1].equals("pairs")) {
            Replies.result(
                    exchange,
                    404,
                    false,
                    "no such path; use POST /pairs/{namespace}/{name}/" + "{resize?replicas=M|pause|resume|rollback}");
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            Replies.result(exchange, 405, false, "use POST");
            return;
        }
        Optional<PairState> state = Replies.pair(exchange, parts, pairs);
        if (state.isEmpty()) {
            return;
        }
        PairKey pair = state.get().pair();
        String action = parts[4];
        OperatorResult result;
        switch (action) {
            case "resize" -> {
                String replicas = Replies.query(exchange).get("replicas");
                int m;
                try {
                    m = Integer.parseInt(replicas);
                } catch (NumberFormatException e) {
                    Replies.result(exchange, 400, false, "replicas must be an integer >= 1, was " + replicas);
                    return;
                }
                result = pairs.requestResize(pair, m);
                action = "resize to " + m;
            }
            case "pause" -> result = pairs.setPaused(pair, true);
            case "resume" -> result = pairs.setPaused(pair, false);
            case "rollback" -> result = pairs.requestRollback(pair);
            default -> {
                Replies.result(
                        exchange, 404, false, "no such action: " + action + " (resize, pause, resume, rollback)");
                return;
            }
        }
        String what = action + " by " + caller + " from "
                + exchange.getRemoteAddress().getAddress().getHostAddress() + ": "
                + (result.accepted() ? "accepted: " : "refused: ") + result.message();
        LOG.info("operator call on {}: {}", pair, what);
        events.record(
                pair,
                "Operator" + Character.toUpperCase(parts[4].charAt(0)) + parts[4].substring(1),
                what,
                !result.accepted());
        Replies.result(exchange, result.accepted() ? 200 : 409, result.accepted(), result.message());
    }

    /** The caller whose token this is; every token is compared, in constant time. */
    private Optional<String> callerOf(String token) {
        byte[] given = digest(token);
        String found = null;
        for (Map.Entry<String, byte[]> e : digests.entrySet()) {
            if (MessageDigest.isEqual(e.getValue(), given)) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
