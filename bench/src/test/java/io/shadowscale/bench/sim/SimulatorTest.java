package io.shadowscale.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SimulatorTest {
    private static Outcome simulate(Trace trace, SimConfig config) {
        Simulator simulator = new Simulator(config);
        List<Simulator.Run> runs = new ArrayList<>();
        for (Strategy s : simulator.strategies(trace)) {
            runs.add(simulator.run(trace, s, hour -> { }));
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
        assertThat(DiurnalTraces.weekday(120_000, 7).rates()).isEqualTo(DiurnalTraces.weekday(120_000, 7).rates());
        assertThat(DiurnalTraces.weekday(120_000, 7).rates()).isNotEqualTo(DiurnalTraces.weekday(120_000, 8).rates());
        assertThat(DiurnalTraces.weekday(120_000, 7).peak()).isEqualTo(120_000.0);
        assertThat(DiurnalTraces.weekend(120_000, 7).peak()).isEqualTo(72_000.0);
    }

    @Test
    void sameSeedAndTraceGiveTheSameFigures() {
        Trace morning = new Trace("morning", Arrays.copyOfRange(DiurnalTraces.weekday(120_000, 7).rates(), 6 * 3600, 10 * 3600));
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
        Arrays.fill(rates, 0, 60, 200_000);    // 144k/s at most with 12 workers
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
        assertThat(s.scaleEvents()).isEqualTo(2);   // 12 -> 3 after the down delay, 3 -> 12 at the step
    }
}
