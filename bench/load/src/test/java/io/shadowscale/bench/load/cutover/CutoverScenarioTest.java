package io.shadowscale.bench.load.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.control.PairKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CutoverScenarioTest {
    @Test
    void settledWhenEveryPartitionIsActiveOnceAndEveryWorkerHasSome() {
        assertThat(CutoverScenario.settled(List.of(Set.of(0, 1, 2), Set.of(3, 4, 5)), 6, 2))
                .isTrue();
    }

    @Test
    void notSettledWhileOneWorkerHoldsEverything() {
        assertThat(CutoverScenario.settled(List.of(Set.of(0, 1, 2, 3, 4, 5), Set.of()), 6, 2))
                .isFalse();
    }

    @Test
    void notSettledWhenAPartitionIsMissingOrClaimedTwice() {
        assertThat(CutoverScenario.settled(List.of(Set.of(0, 1, 2), Set.of(3, 4)), 6, 2))
                .isFalse();
        assertThat(CutoverScenario.settled(List.of(Set.of(0, 1, 2, 3), Set.of(3, 4, 5)), 6, 2))
                .isFalse();
    }

    @Test
    void notSettledWithFewerRunningWorkersThanThePairHas() {
        assertThat(CutoverScenario.settled(List.of(Set.of(0, 1, 2, 3, 4, 5)), 6, 2))
                .isFalse();
    }

    @Test
    void moreWorkersThanPartitionsLeaveSomeIdle() {
        assertThat(CutoverScenario.settled(List.of(Set.of(0), Set.of(1), Set.of()), 2, 3))
                .isTrue();
    }

    @Test
    void pairNameIsADnsLabelFromTheTopic() {
        assertThat(CutoverScenario.pairName("load-cutover-mwvmxj6o-1")).isEqualTo("load-cutover-mwvmxj6o-1");
        assertThat(CutoverScenario.pairName("Load_Cutover.X")).isEqualTo("load-cutover-x");
        String longName = CutoverScenario.pairName("-" + "a".repeat(70) + "-7");
        assertThat(longName).hasSize(63).endsWith("-7");
        assertThat(PairKey.isDnsLabel(longName)).isTrue();
    }
}
