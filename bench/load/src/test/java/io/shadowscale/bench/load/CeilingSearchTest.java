package io.shadowscale.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CeilingSearchTest {
    private final List<Integer> asked = new ArrayList<>();

    private CeilingSearch.Probe pipelineSustaining(int capacity, int rate) {
        asked.add(rate);
        boolean ok = rate <= capacity;
        return new CeilingSearch.Probe(
                rate, ok, ok ? rate : capacity, ok ? 0 : rate - capacity, 60, ok ? "sustained" : "lag");
    }

    @Test
    void doublesUntilAFailureThenBisectsToThePrecision() throws Exception {
        CeilingSearch.Outcome o = CeilingSearch.find(20_000, 20, 0.05, rate -> pipelineSustaining(130_000, rate));

        assertThat(asked).startsWith(20_000, 40_000, 80_000, 160_000, 120_000, 140_000, 130_000);
        assertThat(o.sustainedRate()).isLessThanOrEqualTo(130_000).isGreaterThan((int) (130_000 / 1.05));
        assertThat((double) (o.failedRate() - o.sustainedRate()) / o.sustainedRate())
                .isLessThanOrEqualTo(0.05);
    }

    @Test
    void stopsAtTheProbeBudget() throws Exception {
        CeilingSearch.Outcome o = CeilingSearch.find(20_000, 5, 0.001, rate -> pipelineSustaining(130_000, rate));

        assertThat(o.probes()).hasSize(5);
        assertThat(asked).containsExactly(20_000, 40_000, 80_000, 160_000, 120_000);
        assertThat(o.sustainedRate()).isEqualTo(120_000);
        assertThat(o.failedRate()).isEqualTo(160_000);
    }

    @Test
    void halvesWhenTheFirstProbeFails() throws Exception {
        CeilingSearch.Outcome o = CeilingSearch.find(20_000, 3, 0.05, rate -> pipelineSustaining(6_000, rate));

        assertThat(asked).containsExactly(20_000, 10_000, 5_000);
        assertThat(o.sustainedRate()).isEqualTo(5_000);
        assertThat(o.failedRate()).isEqualTo(10_000);
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource({
        // processed, lag at the end of production, seconds to send, reason
        "600000, 0, 66.0, 'producer fell behind: 66.0 s to send 60 s of traffic'",
        "580000, 20000, 60.2, 'lag 20000 > 1 s of traffic (10000)'"
    })
    void judgesAProbeWhoseProducerFellBehindOrThatLagsMoreThanOneSecondAsNotSustained(
            long processed, long lag, double elapsedS, String reason) {
        CeilingSearch.Probe p = CeilingSearch.Probe.judge(10_000, 60, steadyRunOf600k(processed, lag, elapsedS));

        assertThat(p.sustained()).isFalse();
        assertThat(p.reason()).isEqualTo(reason);
    }

    /** A "steady" run at 9 000 msg/s that sent 600 000 records, with the given end-of-production figures. */
    private static ScenarioResult steadyRunOf600k(long processed, long lagAtEndOfProduction, double elapsedS) {
        return new ScenarioResult(
                "steady",
                null,
                9_000,
                5.0,
                null,
                null,
                3,
                null,
                0,
                0,
                600_000,
                processed,
                lagAtEndOfProduction,
                elapsedS,
                List.of(),
                List.of(),
                new ScenarioResult.PerSecond(
                        new long[0], new long[0], new double[0], new double[0], new int[0], new double[0]),
                WalkFigures.NONE);
    }
}
