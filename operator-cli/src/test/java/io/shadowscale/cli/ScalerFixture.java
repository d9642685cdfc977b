package io.shadowscale.cli;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.admin.AdminServer;
import io.shadowscale.scaler.admin.OperatorServer;
import io.shadowscale.scaler.controller.OperatorResult;
import io.shadowscale.scaler.k8s.PairEvents;
import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.testing.RecordingPairOperations;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The scaler's real admin and operator endpoints on ephemeral loopback ports, over two pairs of
 * fixed states: {@code shop/orders} (a walk blue 2 -> green 4 done, one green 4 -> blue 6 rolled
 * back, traffic observed) and {@code shop/payments} (a walk blue 2 -> green 3 warming, paused).
 * The operator calls are recorded in {@link #calls} and answered with what {@link #answer} set last.
 */
final class ScalerFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant NOW = T0.plusSeconds(300);
    static final String TOKEN = "ops-token-0123456789";
    static final PairKey ORDERS = new PairKey("shop", "orders");
    static final PairKey PAYMENTS = new PairKey("shop", "payments");

    final List<String> calls;
    private final RecordingPairOperations pairs;
    private final AdminServer admin;
    private final OperatorServer operator;

    ScalerFixture() throws Exception {
        pairs = new RecordingPairOperations(
                List.of(orders(), payments()),
                Map.of(ORDERS, new Observation(T0.plusSeconds(295), 8, 4, 1520.25, 1498.5, 3210)),
                OperatorResult.accepted("accepted"));
        calls = pairs.calls();
        admin = new AdminServer(pairs, new InetSocketAddress("127.0.0.1", 0), new PrometheusRegistry());
        operator = new OperatorServer(
                pairs, PairEvents.none(), Map.of("ops-team", TOKEN), new InetSocketAddress("127.0.0.1", 0));
        admin.start();
        operator.start();
    }

    /** Answers the next operator calls with {@code next}. */
    void answer(OperatorResult next) {
        pairs.answer(next);
    }

    String adminUrl() {
        return "http://127.0.0.1:" + admin.port();
    }

    String operatorUrl() {
        return "http://127.0.0.1:" + operator.port();
    }

    /** Blue 2 -> green 4 done at T0 + 6 s; green 4 -> blue 6 rolled back at T0 + 121 s after its warm-up timed out. */
    private static PairState orders() {
        PairState s = PairState.starting(ORDERS, 2, T0)
                .transitionTo(PairPhase.STEADY, T0.plusSeconds(1), "2 worker(s) of blue active");
        s = walkTo(s, 4, T0.plusSeconds(2), "resize 2 -> 4: operator asked for 4")
                .transitionTo(
                        PairPhase.CUTTING_OVER,
                        T0.plusSeconds(3),
                        "4 worker(s) of green ready, assignment " + "covers 8 partition(s)");
        s = s.toBuilder()
                .active(SlotName.GREEN)
                .activeReplicas(4)
                .build()
                .transitionTo(PairPhase.DRAINING, T0.plusSeconds(5), "green active on all 8 partition(s)")
                .transitionTo(PairPhase.STEADY, T0.plusSeconds(6), "blue drained; walk to 4 took 4000 ms");
        return walkTo(s, 6, T0.plusSeconds(60), "resize 4 -> 6: lag 41 s over the 30 s target")
                .transitionTo(
                        PairPhase.ROLLING_BACK,
                        T0.plusSeconds(120),
                        "warm-up did not finish within PT1M: " + "5 of 6 worker(s) ready, 8 of 8 partition(s) covered")
                .toBuilder()
                .targetReplicas(4)
                .build()
                .transitionTo(PairPhase.STEADY, T0.plusSeconds(121), "rolled back; green stays active with 4");
    }

    /** Blue 2 -> green 3 warming since T0 + 290 s, automatic decisions paused. */
    private static PairState payments() {
        PairState s = PairState.starting(PAYMENTS, 2, T0.plusSeconds(200))
                .transitionTo(PairPhase.STEADY, T0.plusSeconds(201), "2 worker(s) of blue active");
        return walkTo(s, 3, T0.plusSeconds(290), "resize 2 -> 3: operator asked for 3")
                .withPaused(true, T0.plusSeconds(291));
    }

    /** {@code s} warming up a walk to {@code replicas} from {@code at}, for {@code reason}. */
    private static PairState walkTo(PairState s, int replicas, Instant at, String reason) {
        return s.toBuilder()
                .targetReplicas(replicas)
                .walkStartedAt(at)
                .build()
                .transitionTo(PairPhase.WARMING, at, reason);
    }

    @Override
    public void close() {
        admin.close();
        operator.close();
    }
}
