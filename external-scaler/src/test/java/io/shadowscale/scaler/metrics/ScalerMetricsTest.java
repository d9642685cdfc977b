package io.shadowscale.scaler.metrics;

import static io.shadowscale.scaler.model.Walks.PAIR;
import static io.shadowscale.scaler.model.Walks.SETTINGS;
import static io.shadowscale.scaler.model.Walks.T0;
import static io.shadowscale.scaler.model.Walks.idle;
import static io.shadowscale.scaler.model.Walks.in;
import static io.shadowscale.scaler.model.Walks.next;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.shadowscale.common.Partition;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.ScaleDecision;
import io.shadowscale.scaler.model.Walks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ScalerMetricsTest {
    private static final PairSpec SPEC = new PairSpec(PAIR, List.of("orders"), SETTINGS);
    private final AtomicReference<List<PairState>> states = new AtomicReference<>(List.of());
    private final ScalerMetrics metrics = new ScalerMetrics(states::get, p -> Optional.of(SPEC), () -> true);

    @Test
    void countsAWalkFromSteadyToSteadyOnceWithItsPhaseAndWalkDurations() throws IOException {
        see(Walks.steady()); // first sight: counted from the pair's start (no walk yet)
        see(Walks.draining());
        PairState d = Walks.draining();
        see(next(
                d,
                in(idle(SlotName.BLUE, "b1", d.commandId()), idle(SlotName.BLUE, "b2", d.commandId())),
                T0.plusSeconds(6)));
        see(states.get().get(0)); // seen again: nothing new

        assertThat(scrape())
                .contains(
                        "shadowscale_scaler_walks_started_total{pair=\"shop/orders\"} 1.0\n",
                        "shadowscale_scaler_walks_finished_total{pair=\"shop/orders\",result=\"done\"} 1.0\n",
                        "shadowscale_scaler_walks_finished_total{pair=\"shop/orders\",result=\"rolled_back\"} 0.0\n",
                        "shadowscale_scaler_walk_duration_seconds_count{pair=\"shop/orders\",result=\"done\"} 1\n",
                        "shadowscale_scaler_walk_duration_seconds_sum{pair=\"shop/orders\",result=\"done\"} 4.0\n",
                        "shadowscale_scaler_phase_duration_seconds_sum{pair=\"shop/orders\",phase=\"WARMING\"} 1.0\n",
                        "shadowscale_scaler_phase_duration_seconds_sum{pair=\"shop/orders\",phase=\"CUTTING_OVER\"} "
                                + "2.0\n",
                        "shadowscale_scaler_phase_duration_seconds_sum{pair=\"shop/orders\",phase=\"DRAINING\"} 1.0\n",
                        "shadowscale_scaler_pairs{phase=\"STEADY\"} 1.0\n",
                        "shadowscale_scaler_pair_phase{pair=\"shop/orders\",phase=\"STEADY\"} 1.0\n",
                        "shadowscale_scaler_slot_target_replicas{pair=\"shop/orders\",slot=\"green\"} 4.0\n",
                        "shadowscale_scaler_slot_target_replicas{pair=\"shop/orders\",slot=\"blue\"} 0.0\n",
                        "shadowscale_scaler_leader 1.0\n");
    }

    @Test
    void aPairFirstSeenInItsFirstWalkCountsThatWalk() throws IOException {
        see(Walks.draining()); // this controller started the pair and walked it before the first look
        assertThat(scrape()).contains("shadowscale_scaler_walks_started_total{pair=\"shop/orders\"} 1.0\n");
    }

    @Test
    void aPairFirstSeenAfterAResumeCountsOnlyWhatFollowsIt() throws IOException {
        see(Walks.draining().resumed(T0.plusSeconds(5))); // a predecessor's walk: not this controller's
        assertThat(scrape()).contains("shadowscale_scaler_walks_started_total{pair=\"shop/orders\"} 0.0\n");
    }

    @Test
    void aRollbackFinishesAsRolledBackAndAWalkingPhaseShowsItsTimeout() throws IOException {
        see(Walks.steady());
        PairState rb = Walks.rollingBack();
        see(rb);
        String walking = scrape();
        assertThat(walking)
                .contains(
                        "shadowscale_scaler_phase_timeout_seconds{pair=\"shop/orders\"} 60.0\n",
                        "shadowscale_scaler_phase_started_timestamp_seconds{pair=\"shop/orders\"} "
                                + (double) T0.plusSeconds(3).getEpochSecond() + "\n");
        see(next(rb, in(), T0.plusSeconds(64)));

        assertThat(scrape())
                .contains(
                        "shadowscale_scaler_walks_finished_total{pair=\"shop/orders\",result=\"rolled_back\"} 1.0\n",
                        "shadowscale_scaler_walks_finished_total{pair=\"shop/orders\",result=\"done\"} 0.0\n",
                        "shadowscale_scaler_walk_duration_seconds_sum{pair=\"shop/orders\",result=\"rolled_back\"} "
                                + "62.0\n")
                .doesNotContain("shadowscale_scaler_phase_timeout_seconds{");
    }

    @Test
    void decisionsAreCountedByReasonAndTheObservationIsExposed() throws IOException {
        Observation o = new Observation(T0, 4, 2, 1500, 1400, 3000);
        metrics.decided(SPEC, o, new PolicyOutcome(ScaleDecision.resize(3, "grow 2->3: ..."), PolicyMemory.INITIAL));
        metrics.decided(
                SPEC,
                o,
                new PolicyOutcome(
                        ScaleDecision.hold(2, "hold 2, grow to 3 after ..."), new PolicyMemory(700, 3, T0, null)));
        metrics.decided(
                SPEC, o, new PolicyOutcome(ScaleDecision.hold(2, "hold 2: ..."), new PolicyMemory(700, 0, null, null)));
        metrics.stateWritten(Duration.ofMillis(3));

        assertThat(scrape())
                .contains(
                        "shadowscale_scaler_policy_decisions_total{pair=\"shop/orders\",reason=\"grow\"} 1.0\n",
                        "shadowscale_scaler_policy_decisions_total{pair=\"shop/orders\",reason=\"hold_grow_pending\"} "
                                + "1.0\n",
                        "shadowscale_scaler_policy_decisions_total{pair=\"shop/orders\",reason=\"hold_in_band\"} 1.0\n",
                        "shadowscale_scaler_input_rate_records_per_second{pair=\"shop/orders\"} 1500.0\n",
                        "shadowscale_scaler_progress_rate_records_per_second{pair=\"shop/orders\"} 1400.0\n",
                        "shadowscale_scaler_lag_records{pair=\"shop/orders\"} 3000.0\n",
                        "shadowscale_scaler_lag_seconds{pair=\"shop/orders\"} 2.0\n",
                        "shadowscale_scaler_lag_target_seconds{pair=\"shop/orders\"} 30.0\n",
                        "shadowscale_scaler_state_write_duration_seconds_count 1\n");
    }

    @Test
    void handoffGapsAreOneHistogramPerPairEmptyFromThePairsFirstDecision() throws IOException {
        metrics.decided(
                SPEC,
                new Observation(T0, 4, 2, 1500, 1400, 3000),
                new PolicyOutcome(ScaleDecision.hold(2, "hold 2: ..."), PolicyMemory.INITIAL));
        assertThat(scrape()).contains("shadowscale_scaler_handoff_gap_seconds_count{pair=\"shop/orders\"} 0\n");

        metrics.handedOver(PAIR, new Partition("orders", 0), Duration.ofNanos(31_250_000));
        metrics.handedOver(PAIR, new Partition("orders", 1), Duration.ofNanos(187_500_000));

        assertThat(scrape())
                .contains(
                        "shadowscale_scaler_handoff_gap_seconds_bucket{pair=\"shop/orders\",le=\"0.05\"} 1\n",
                        "shadowscale_scaler_handoff_gap_seconds_bucket{pair=\"shop/orders\",le=\"0.1\"} 1\n",
                        "shadowscale_scaler_handoff_gap_seconds_bucket{pair=\"shop/orders\",le=\"0.25\"} 2\n",
                        "shadowscale_scaler_handoff_gap_seconds_count{pair=\"shop/orders\"} 2\n",
                        "shadowscale_scaler_handoff_gap_seconds_sum{pair=\"shop/orders\"} 0.21875\n")
                .doesNotContain("partition=");
    }

    @Test
    void holdWithASmallerPendingSizeIsAShrinkPending() {
        PolicyOutcome pending = new PolicyOutcome(
                ScaleDecision.hold(4, "hold 4, shrink to 2 after ..."), new PolicyMemory(700, 2, T0, null));
        assertThat(ScalerMetrics.reason(4, pending)).isEqualTo(ScalerMetrics.DecisionReason.HOLD_SHRINK_PENDING);
        assertThat(ScalerMetrics.timeout(PairPhase.DRAINING, SETTINGS)).contains(Duration.ofSeconds(10));
    }

    private void see(PairState s) {
        states.set(List.of(s));
        metrics.refresh();
    }

    private String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
