package io.shadowscale.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    private static Outcome simulate(Trace trace, SimConfig config) {
        Simulator simulator = new Simulator(config);
        List<Simulator.Run> runs = new ArrayList<>();
        for (Strategy s : simulator.strategies(trace)) {
            runs.add(simulator.run(trace, s, hour -> {}));
        }
        return Outcome.of(trace, runs, config.lagTargetSeconds());
    }

    private static Trace constant(double rate, int seconds) {
        double[] rates = new double[seconds];
        Arrays.fill(rates, rate);
        return new Trace("constant", rates);
    }

    @Test
    void builtInDaysDependOnlyOnTheSeed() {
        assertThat(DiurnalTraces.weekday(120_000, 7).rates())
                .isEqualTo(DiurnalTraces.weekday(120_000, 7).rates());
        assertThat(DiurnalTraces.weekday(120_000, 7).rates())
                .isNotEqualTo(DiurnalTraces.weekday(120_000, 8).rates());
        assertThat(DiurnalTraces.weekday(120_000, 7).peak()).isEqualTo(120_000.0);
        assertThat(DiurnalTraces.weekend(120_000, 7).peak()).isEqualTo(72_000.0);
    }

    @Test
    void sameSeedAndTraceGiveTheSameFigures() {
        Trace morning = new Trace(
                "morning", Arrays.copyOfRange(DiurnalTraces.weekday(120_000, 7).rates(), 6 * 3600, 10 * 3600));
        Outcome first = simulate(morning, SimConfig.DEFAULTS);
        Outcome second = simulate(morning, SimConfig.DEFAULTS);
        assertThat(second).isEqualTo(first);
        assertThat(first.figures("shadowscale").scaleEvents()).isPositive();
    }

    @Test
    void steadyTrafficCostsTheSameForEveryoneAndNothingLags() {
        // 30k/s needs 2.5 workers of 12k/s, 3 with 20% headroom; 3 share 12 partitions evenly
        Outcome o = simulate(constant(30_000, 7200), SimConfig.DEFAULTS);
        assertThat(o.figures("static-peak").replicaHours()).isEqualTo(6.0);
        assertThat(o.figures("oracle").replicaHours()).isEqualTo(6.0);
        assertThat(o.figures("oracle+headroom").replicaHours()).isEqualTo(6.0);
        assertThat(o.figures("shadowscale").replicaHours()).isEqualTo(6.0);
        assertThat(o.figures("shadowscale").scaleEvents()).isZero();
        assertThat(o.figures("shadowscale").maxLagRecords()).isZero();
    }

    @Test
    void oracleCarriesBacklogOnlyWhenAllPartitionsCannotKeepUp() {
        double[] rates = new double[3600];
        Arrays.fill(rates, 0, 60, 200_000); // 144k/s at most with 12 workers
        Arrays.fill(rates, 60, 3600, 10_000);
        Outcome o = simulate(new Trace("overload", rates), SimConfig.DEFAULTS);
        Outcome.Figures oracle = o.figures("oracle");
        assertThat(oracle.maxLagRecords()).isEqualTo(60 * 56_000.0);
        // 60 s overloaded at 12, 25 s draining 134k/s at 12, one second at 2, then 1 for 10k/s
        assertThat(oracle.replicaHours()).isEqualTo((60 * 12 + 25 * 12 + 2 + (3600 - 86)) / 3600.0);
        // with 20% headroom 10k/s needs 12k/s: still one worker once the backlog is gone
        assertThat(o.figures("oracle+headroom").replicaHours()).isGreaterThanOrEqualTo(oracle.replicaHours());
    }

    @Test
    void shadowscaleFollowsAStepUpWithinTheLagTarget() {
        double[] rates = new double[7200];
        Arrays.fill(rates, 0, 3600, 20_000);
        Arrays.fill(rates, 3600, 7200, 100_000);
        Outcome o = simulate(new Trace("step", rates), SimConfig.DEFAULTS);
        Outcome.Figures s = o.figures("shadowscale");
        assertThat(s.minutesOverLagTarget()).isZero();
        assertThat(s.maxLagSeconds()).isLessThan(30);
        assertThat(s.scaleEvents()).isEqualTo(2); // 12 -> 3 after the down delay, 3 -> 12 at the step
    }

    @Test
    void shadowscaleRunsTheControllersStateMachineWithHandWorkedTiming() {
        // 6 workers for the 50k/s peak; the down delay is 0 so the first decision shrinks
        SimConfig d = SimConfig.DEFAULTS;
        SimConfig config = new SimConfig(
                d.workerCapacity(),
                false,
                12,
                1,
                0.2,
                30,
                15,
                0,
                5,
                10,
                new WalkTimes(10_500, 30, 100, 1_000),
                5,
                10,
                30_000,
                3,
                15,
                100,
                42,
                true);
        double[] rates = new double[200];
        Arrays.fill(rates, 0, 100, 20_000);
        Arrays.fill(rates, 100, 200, 50_000);
        Trace trace = new Trace("grow", rates);
        Simulator simulator = new Simulator(config);
        ShadowscaleStrategy shadowscale =
                (ShadowscaleStrategy) simulator.strategies(trace).get(0);
        Simulator.Run run = simulator.run(trace, shadowscale, hour -> {});

        // 5 s: 20k/s needs 2.0 workers with headroom, 3 with the shrink margin: 6 -> 3, walk of
        // 10.5 + 0.03 + 0.1 + 1 s. 105 s: 50k/s needs 6; 15 s later (120 s) 6 are wanted: 3 -> 6.
        assertThat(shadowscale.pairState().history())
                .extracting(Transition::at, Transition::to)
                .endsWith(
                        tuple(at(5_000), PairPhase.WARMING), tuple(at(15_500), PairPhase.CUTTING_OVER),
                        tuple(at(15_530), PairPhase.CUTTING_OVER), tuple(at(15_630), PairPhase.DRAINING),
                        tuple(at(16_630), PairPhase.STEADY), tuple(at(120_000), PairPhase.WARMING),
                        tuple(at(130_500), PairPhase.CUTTING_OVER), tuple(at(130_530), PairPhase.CUTTING_OVER),
                        tuple(at(130_630), PairPhase.DRAINING), tuple(at(131_630), PairPhase.STEADY));
        assertThat(run.decisions()).hasSize(2);
        assertThat(run.decisions().get(1)).startsWith("120s grow 3->6: input 50k/s + backlog 120k (lag 370k");
        // 6 x 5 s, 9 x 12 s (5..16), 3 x 103 s, 9 x 12 s (120..131), 6 x 68 s
        assertThat(IntStream.of(run.billed()).sum()).isEqualTo(5 * 6 + 12 * 9 + 103 * 3 + 12 * 9 + 68 * 6);
        assertThat(run.scaleEvents()).isEqualTo(2);
        assertThat(run.stallSeconds()).isCloseTo(0.26, within(1e-12));
        // 3 workers (36k/s) fall 14k/s behind from 100 s: 420k at the end of 129; in second 130
        // 0.5 s x 36k + 0.13 s stalled + 0.37 s x 72k process 44.64k of 50k; then 6 drain 22k/s
        assertThat(run.backlog()[129]).isCloseTo(420_000, within(1e-6));
        assertThat(run.backlog()[130]).isCloseTo(425_360, within(1e-6));
        assertThat(run.backlog()[131]).isCloseTo(403_360, within(1e-6));
        assertThat(Arrays.stream(run.backlog()).max().orElseThrow()).isCloseTo(425_360, within(1e-6));
    }

    private static Instant at(long millis) {
        return StateMachineWalk.EPOCH.plusMillis(millis);
    }
}
