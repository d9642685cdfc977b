package io.shadowscale.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KedaStrategyTest {
    private static KedaStrategy keda(int initial) {
        return new KedaStrategy(
                "keda", new HpaModel(1, 100, HpaModel.Behavior.DEFAULTS), 10, initial, 12, 1_000, 10, 3, 15);
    }

    @ParameterizedTest
    @CsvSource({"12,4,6,4", "12,6,4,4", "12,11,12,1", "12,12,11,1", "12,1,2,6", "12,0,3,12", "12,5,5,0"})
    void stickyAssignmentMovesOnlyWhatTheNewSharesRequire(int partitions, int from, int to, int moved) {
        assertThat(KedaStrategy.movedPartitions(partitions, from, to)).isEqualTo(moved);
    }

    @Test
    void elevenReplicasOnTwelvePartitionsNeverGrowWhateverTheLag() {
        KedaStrategy keda = keda(11);
        for (int t = 0; t < 3600; t++) {
            Strategy.Tick tick = keda.tick(t, 20_000, 1e9);
            assertThat(tick.activeWorkers()).isEqualTo(11);
            // 11 workers on 12 partitions: the busiest holds 2, so the group is worth 6 workers
            assertThat(tick.capacity()).isEqualTo(6_000.0);
            keda.observe(t, 20_000, 6_000, 1e9);
        }
        assertThat(keda.scaleEvents()).isZero();
    }

    @Test
    void newPodsArePaidAtOnceJoinAfterWarmupAndStallTheMovedPartitions() {
        KedaStrategy keda = keda(2);
        keda.tick(14, 0, 0);
        keda.observe(14, 20_000, 2_000, 1e9); // sync at 15 s: 2 -> 6 (doubling or +4)
        assertThat(keda.scaleEvents()).isEqualTo(1);

        Strategy.Tick warming = keda.tick(24, 0, 0);
        assertThat(warming).isEqualTo(new Strategy.Tick(2_000, 6, 2, 0));

        Strategy.Tick joined = keda.tick(25, 0, 0); // 8 of 12 partitions move to the new members
        assertThat(joined.activeWorkers()).isEqualTo(6);
        assertThat(joined.capacity()).isCloseTo(2_000, within(1e-6));
        assertThat(joined.stallSeconds()).isCloseTo(8 / 12.0, within(1e-12));
        assertThat(keda.tick(27, 0, 0).stallSeconds()).isCloseTo(8 / 12.0, within(1e-12));
        assertThat(keda.tick(28, 0, 0)).isEqualTo(new Strategy.Tick(6_000, 6, 6, 0));
    }

    @Test
    void removedPodsLeaveAtOnceAndStallTheirPartitions() {
        KedaStrategy keda = new KedaStrategy(
                "keda",
                new HpaModel(1, 100, new HpaModel.Behavior(0, 0, 4, 100, 15, 100, 15)),
                10,
                6,
                12,
                1_000,
                10,
                3,
                15);
        keda.tick(14, 0, 0);
        keda.observe(14, 0, 0, 40); // wants 4
        Strategy.Tick after = keda.tick(15, 0, 0);
        assertThat(after.billedWorkers()).isEqualTo(4);
        assertThat(after.activeWorkers()).isEqualTo(4);
        assertThat(after.stallSeconds()).isCloseTo(4 / 12.0, within(1e-12));
    }
}
