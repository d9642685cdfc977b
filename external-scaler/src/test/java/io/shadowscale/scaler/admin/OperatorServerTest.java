package io.shadowscale.scaler.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.controller.OperatorResult;
import io.shadowscale.scaler.k8s.PairEvents;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.testing.RecordingPairOperations;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The operator endpoint over loopback HTTP: who may call it, what it answers, what it records. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorServerTest {
    private static final PairKey PAIR = new PairKey("shop", "orders");
    private static final String TOKEN = "ops-token-0123456789";

    private final RecordingPairOperations pairs = new RecordingPairOperations(
            List.of(PairState.starting(PAIR, 2, Instant.parse("2026-01-01T00:00:00Z"))), Map.of(), null);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private OperatorServer operator;
    private AdminServer admin;

    @BeforeEach
    void reset() {
        pairs.calls().clear();
        events.clear();
        pairs.answer(OperatorResult.accepted("resize to 3 requested for shop/orders"));
    }

    @BeforeAll
    void start() throws Exception {
        PairEvents recording = new PairEvents() {
            @Override
            public int record(PairKey pair, List<String> names, String reason, String message, boolean warning) {
                throw new AssertionError("the operator endpoint records by label");
            }

            @Override
            public int record(PairKey pair, String reason, String message, boolean warning) {
                events.add((warning ? "Warning " : "Normal ") + reason + " on " + pair + ": " + message);
                return 2;
            }
        };
        operator = new OperatorServer(
                pairs,
                recording,
                Map.of("ops-team", TOKEN, "oncall", "oncall-token-abcdefgh"),
                new InetSocketAddress("127.0.0.1", 0));
        operator.start();
        admin = new AdminServer(pairs, new InetSocketAddress("127.0.0.1", 0), new PrometheusRegistry());
        admin.start();
    }

    @AfterAll
    void stop() {
        operator.close();
        admin.close();
    }

    @Test
    void refusesACallWithoutATokenAndChangesNothing() throws Exception {
        HttpResponse<String> r = post(operator.port(), "/pairs/shop/orders/resize?replicas=3", null);

        assertThat(r.statusCode() + " " + r.body())
                .isEqualTo("401 {\"accepted\":false,"
                        + "\"message\":\"missing bearer token: send Authorization: Bearer <token>\"}");
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"shadowscale\"");
        assertThat(pairs.calls()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void refusesAnotherSchemeAsAMissingToken() throws Exception {
        HttpResponse<String> r = post(operator.port(), "/pairs/shop/orders/pause", "Basic b3BzOnNlY3JldA==");

        assertThat(r.statusCode() + " " + r.body())
                .isEqualTo("401 {\"accepted\":false,"
                        + "\"message\":\"missing bearer token: send Authorization: Bearer <token>\"}");
        assertThat(pairs.calls()).isEmpty();
    }

    @Test
    void refusesAWrongTokenAndChangesNothing() throws Exception {
        HttpResponse<String> r = post(operator.port(), "/pairs/shop/orders/rollback", "Bearer " + TOKEN + "x");

        assertThat(r.statusCode() + " " + r.body())
                .isEqualTo("401 {\"accepted\":false,\"message\":\"invalid bearer token\"}");
        assertThat(r.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer realm=\"shadowscale\", error=\"invalid_token\"");
        assertThat(pairs.calls()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void refusesAChangeOnTheReadOnlyPortNamingTheOperatorPort() throws Exception {
        HttpResponse<String> r = post(admin.port(), "/pairs/shop/orders/resize?replicas=3", "Bearer " + TOKEN);

        assertThat(r.statusCode() + " " + r.body())
                .isEqualTo("405 {\"accepted\":false,\"message\":\"this port is "
                        + "read-only: resize, pause, resume and rollback are served on the operator port "
                        + "(SHADOWSCALE_OPERATOR_PORT, off unless configured) with a bearer token\"}");
        assertThat(pairs.calls()).isEmpty();
        HttpResponse<String> view = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + "/pairs/shop/orders"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).startsWith("{\"pair\":\"shop/orders\",\"phase\":\"STARTING\",\"epoch\":1,");
    }

    @Test
    void anAuthorizedCallIsCarriedOutAndRecordedNamingItsCaller() throws Exception {
        HttpResponse<String> r = post(operator.port(), "/pairs/shop/orders/resize?replicas=3", "Bearer " + TOKEN);

        assertThat(r.statusCode() + " " + r.body())
                .isEqualTo("200 {\"accepted\":true,\"message\":\"resize to 3 requested for shop/orders\"}");
        assertThat(pairs.calls()).containsExactly("resize shop/orders 3");
        assertThat(events)
                .containsExactly("Normal OperatorResize on shop/orders: resize to 3 by ops-team from "
                        + "127.0.0.1: accepted: resize to 3 requested for shop/orders");
    }

    @Test
    void aCallTheControllerRefusesIsAWarningEventAnd409() throws Exception {
        pairs.answer(OperatorResult.refused("rollback is refused once the barrier is published"));

        HttpResponse<String> r = post(operator.port(), "/pairs/shop/orders/rollback", "Bearer oncall-token-abcdefgh");

        assertThat(r.statusCode() + " " + r.body())
                .isEqualTo("409 {\"accepted\":false,"
                        + "\"message\":\"rollback is refused once the barrier is published\"}");
        assertThat(events)
                .containsExactly("Warning OperatorRollback on shop/orders: rollback by oncall from "
                        + "127.0.0.1: refused: rollback is refused once the barrier is published");
    }

    @Test
    void answersBadRequestsWithTheReason() throws Exception {
        String bearer = "Bearer " + TOKEN;
        assertThat(text(post(operator.port(), "/pairs/shop/orders/resize?replicas=x", bearer)))
                .isEqualTo("400 {\"accepted\":false,\"message\":\"replicas must be an integer >= 1, was x\"}");
        assertThat(text(post(operator.port(), "/pairs/shop/nobody/pause", bearer)))
                .isEqualTo("404 {\"accepted\":false,\"message\":\"unknown pair shop/nobody\"}");
        assertThat(text(post(operator.port(), "/pairs/shop/orders/explode", bearer)))
                .isEqualTo("404 "
                        + "{\"accepted\":false,\"message\":\"no such action: explode (resize, pause, resume, "
                        + "rollback)\"}");
        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + operator.port() + "/pairs/shop/orders/pause"))
                        .header("Authorization", bearer)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(text(get)).isEqualTo("405 {\"accepted\":false,\"message\":\"use POST\"}");
        assertThat(pairs.calls()).isEmpty();
    }

    private HttpResponse<String> post(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(HttpResponse<String> r) {
        return r.statusCode() + " " + r.body();
    }
}
