package io.shadowscale.scaler.model.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.model.ScaleDecision;
import io.shadowscale.scaler.model.TrafficProfile;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThroughputPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final ThroughputPolicy POLICY = new ThroughputPolicy();

    private static PolicySettings settings(
            double capacity, int min, int max, Duration lagTarget, Duration up, Duration down) {
        return new PolicySettings(
                capacity, min, max, 0.2, lagTarget, up, down, Duration.ofMinutes(2), Duration.ofSeconds(10));
    }

    private static final PolicySettings CONFIGURED =
            settings(12_000, 1, 0, Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofMinutes(5));
    private static final PolicySettings NO_UP_DELAY =
            settings(12_000, 1, 0, Duration.ofSeconds(30), Duration.ZERO, Duration.ofMinutes(5));

    private static Observation obs(long second, int replicas, double input, long lag) {
        return new Observation(T0.plusSeconds(second), 12, replicas, input, input, lag);
    }

    @Test
    void growsAtOnceWithoutUpDelayAndExplainsWhy() {
        PolicyOutcome out = POLICY.decide(obs(0, 4, 50_000, 370_000), NO_UP_DELAY, PolicyMemory.INITIAL);

        assertThat(out.decision())
                .isEqualTo(ScaleDecision.resize(
                        6,
                        "grow 4->6: input 50k/s + backlog 120k (lag 370k less 5s in flight) drained in 30s needs 5.4 "
                                + "workers" + " of 12k/s with 20% headroom"));
        assertThat(out.memory()).isEqualTo(new PolicyMemory(10_000, 0, null, T0, seen(T0, 50_000)));
    }

    /** The empty profile after one observation. */
    private static TrafficProfile seen(Instant at, double rate) {
        return TrafficProfile.EMPTY.observe(at, rate);
    }

    @Test
    void growsOnlyOnceTheNeedHasLastedTheUpDelay() {
        PolicyOutcome first = POLICY.decide(obs(0, 4, 50_000, 120_000), CONFIGURED, PolicyMemory.INITIAL);
        assertThat(first.decision().resize()).isFalse();
        assertThat(first.decision().reason()).startsWith("hold 4, grow to 6 after 15s more: ");
        assertThat(first.memory()).isEqualTo(new PolicyMemory(10_000, 6, T0, null, seen(T0, 50_000)));

        PolicyOutcome second = POLICY.decide(obs(14, 4, 50_000, 120_000), CONFIGURED, first.memory());
        assertThat(second.decision().resize()).isFalse();
        assertThat(second.memory().pendingSince()).isEqualTo(T0);

        PolicyOutcome third = decide(second.memory(), 15, 4, 80_000);
        assertThat(third.decision())
                .isEqualTo(ScaleDecision.resize(
                        12,
                        "grow 4->12: input 80k/s + backlog 0 (lag 0 less 5s in flight) drained in 30s needs 8.0 "
                                + "workers of 12k/s with 20% headroom" + " (12 to share 12 partitions evenly)"));
    }

    @Test
    void growDelayStartsOverWhenTheNeedSubsides() {
        PolicyOutcome want = decide(PolicyMemory.INITIAL, 0, 4, 50_000);
        PolicyOutcome calm = decide(want.memory(), 10, 4, 30_000);
        assertThat(calm.memory().pendingSince()).isNull();
        PolicyOutcome again = decide(calm.memory(), 20, 4, 50_000);
        assertThat(again.decision().resize()).isFalse();
        PolicyOutcome stillWaiting = decide(again.memory(), 34, 4, 50_000);
        assertThat(stillWaiting.decision().resize()).isFalse();
        PolicyOutcome grows = decide(stillWaiting.memory(), 35, 4, 50_000);
        assertThat(grows.decision().resize()).isTrue();
        assertThat(grows.decision().replicas()).isEqualTo(6);
    }

    @Test
    void shrinksOnlyAfterTheDownDelay() {
        PolicyOutcome first = decide(PolicyMemory.INITIAL, 0, 6, 20_000);
        assertThat(first.decision())
                .isEqualTo(ScaleDecision.hold(
                        6,
                        "hold 6, shrink to 3 after 300s more: input 20k/s + backlog 0 (lag 0 less 5s in flight) "
                                + "drained in 30s needs 2.0 workers of 12k/s" + " with 20% headroom"));
        PolicyOutcome waiting = decide(first.memory(), 299, 6, 20_000);
        assertThat(waiting.decision().resize()).isFalse();

        PolicyOutcome shrinks = decide(waiting.memory(), 300, 6, 20_000);
        assertThat(shrinks.decision())
                .isEqualTo(ScaleDecision.resize(
                        3,
                        "shrink 6->3 after 300s below, saves 900 replica-s over 300s (as long as it lasted) against 57 "
                                + "for the walk:"
                                + " input 20k/s + backlog 0 (lag 0 less 5s in flight) drained in 30s needs 2.0 workers "
                                + "of 12k/s"
                                + " with 20% headroom"));
        assertThat(shrinks.memory())
                .extracting(
                        PolicyMemory::learnedCapacity,
                        PolicyMemory::pendingReplicas,
                        PolicyMemory::pendingSince,
                        PolicyMemory::lastResizeAt)
                .containsExactly(10_000.0, 0, null, T0.plusSeconds(300));
    }

    @Test
    void aSizeGrownForABurstIsGivenUpAsSoonAsItHadBeenInPlace() {
        // grown to 6 at 0 s; the need falls back 60 s later: the shrink waits 60 s, not 300 s
        PolicyMemory grown = new PolicyMemory(10_000, 0, null, T0);
        PolicyOutcome low = decide(grown, 60, 6, 20_000);
        assertThat(low.decision())
                .isEqualTo(ScaleDecision.hold(
                        6,
                        "hold 6, shrink to 3 after 60s more (down delay 60s: 6 had been in place 60s): input "
                                + "20k/s + backlog 0"
                                + " (lag 0 less 5s in flight) drained in 30s needs 2.0 workers of 12k/s with "
                                + "20% headroom"));
        assertThat(decide(low.memory(), 115, 6, 20_000).decision().resize()).isFalse();
        PolicyOutcome shrinks = decide(low.memory(), 120, 6, 20_000);
        assertThat(shrinks.decision())
                .isEqualTo(ScaleDecision.resize(
                        3,
                        "shrink 6->3 after 60s below (down delay 60s: 6 had been in place 60s), saves 180 "
                                + "replica-s over 60s"
                                + " (as long as it lasted) against 57 for the walk: input 20k/s + backlog 0"
                                + " (lag 0 less 5s in flight) drained in 30s needs 2.0 workers of 12k/s with "
                                + "20% headroom"));
    }

    @Test
    void theDownDelayIsAtLeastTheUpDelayAndAtMostTheFullOne() {
        PolicySettings s = CONFIGURED;
        assertThat(ThroughputPolicy.shrinkDelay(s, null, T0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(ThroughputPolicy.shrinkDelay(s, T0, T0.plusSeconds(5))).isEqualTo(Duration.ofSeconds(15));
        assertThat(ThroughputPolicy.shrinkDelay(s, T0, T0.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(ThroughputPolicy.shrinkDelay(s, T0, T0.plusSeconds(3_600))).isEqualTo(Duration.ofMinutes(5));
        PolicySettings upAboveDown =
                settings(12_000, 1, 0, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(5));
        assertThat(ThroughputPolicy.shrinkDelay(upAboveDown, T0, T0)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aSizeThatCarriedTheLoadLongWaitsTheFullDownDelay() {
        PolicyMemory longAgo = new PolicyMemory(10_000, 0, null, T0.minusSeconds(3_600));
        PolicyOutcome low = decide(longAgo, 0, 6, 20_000);
        assertThat(decide(low.memory(), 295, 6, 20_000).decision().resize()).isFalse();
        assertResizesTo(decide(low.memory(), 300, 6, 20_000), 3);
    }

    @Test
    void shrinkDelayStartsOverWhenTheNeedReturns() {
        PolicyOutcome low = decide(PolicyMemory.INITIAL, 0, 6, 20_000);
        PolicyOutcome back = decide(low.memory(), 100, 6, 50_000);
        assertThat(back.decision().resize()).isFalse();
        assertThat(back.memory().pendingSince()).isNull();
        PolicyOutcome lowAgain = decide(back.memory(), 300, 6, 20_000);
        assertThat(lowAgain.decision().resize()).isFalse();
        PolicyOutcome shrinks = decide(lowAgain.memory(), 600, 6, 20_000);
        assertResizesTo(shrinks, 3);
    }

    @Test
    void shrinksToTheLargestSizeWantedDuringTheWait() {
        PolicyOutcome low = decide(PolicyMemory.INITIAL, 0, 6, 20_000);
        PolicyOutcome higher = decide(low.memory(), 150, 6, 30_000);
        assertThat(higher.memory().pendingReplicas()).isEqualTo(4);
        PolicyOutcome shrinks = decide(higher.memory(), 300, 6, 20_000);
        assertResizesTo(shrinks, 4);
    }

    @Test
    void holdsJustBelowABoundaryInsteadOfFlapping() {
        // 29k/s needs 2.9 workers: 3 would do, but not with the 10% shrink margin, so 4 stays for good
        PolicyMemory memory = PolicyMemory.INITIAL;
        for (int s = 0; s <= 3_600; s += 5) {
            double input = s % 10 == 0 ? 29_000 : 31_000;
            PolicyOutcome out = decide(memory, s, 4, input);
            assertThat(out.decision().resize()).as("second %d", s).isFalse();
            memory = out.memory();
        }
        PolicyOutcome steady = decide(memory, 3_605, 4, 29_000);
        assertThat(steady.decision())
                .isEqualTo(ScaleDecision.hold(
                        4,
                        "hold 4: input 29k/s + backlog 0 (lag 0 less 5s in flight) drained in 30s needs 2.9 workers of "
                                + "12k/s with 20% headroom" + " (3 would keep less than the 10% shrink margin)"));
    }

    @Test
    void shrinksWhenTheSmallerSizeKeepsTheMargin() {
        PolicyOutcome first = decide(PolicyMemory.INITIAL, 0, 4, 27_000);
        PolicyOutcome shrinks = decide(first.memory(), 300, 4, 27_000);
        assertResizesTo(shrinks, 3);
    }

    @Test
    void capsAtThePartitionCount() {
        PolicyOutcome out = POLICY.decide(obs(0, 6, 500_000, 0), NO_UP_DELAY, PolicyMemory.INITIAL);
        assertThat(out.decision())
                .isEqualTo(ScaleDecision.resize(
                        12,
                        "grow 6->12: input 500k/s + backlog 0 (lag 0 less 5s in flight) drained in 30s needs 50.0 "
                                + "workers of 12k/s with 20% headroom" + " (capped at 12 = partitions)"));
    }

    @Test
    void capsAtMaxReplicasBelowThePartitionCount() {
        PolicySettings max8 = settings(12_000, 1, 8, Duration.ofSeconds(30), Duration.ZERO, Duration.ofMinutes(5));
        PolicyOutcome out = POLICY.decide(obs(0, 6, 500_000, 0), max8, PolicyMemory.INITIAL);
        assertThat(out.decision().replicas()).isEqualTo(8);
        assertThat(out.decision().reason()).endsWith("(capped at 8)");
    }

    @Test
    void neverShrinksBelowMinReplicas() {
        PolicySettings min2 = settings(12_000, 2, 0, Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO);
        PolicyOutcome out = POLICY.decide(obs(0, 6, 0, 0), min2, PolicyMemory.INITIAL);
        assertResizesTo(out, 2);
    }

    @Test
    void minReplicasAboveThePartitionCountIsCappedByIt() {
        PolicySettings min3 = settings(12_000, 3, 0, Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO);
        Observation twoPartitions = new Observation(T0, 2, 1, 100, 100, 0);
        PolicyOutcome out = POLICY.decide(twoPartitions, min3, PolicyMemory.INITIAL);
        assertResizesTo(out, 2);
    }

    @Test
    void lagTargetSetsHowFastABacklogMustDrain() {
        PolicySettings sixty = settings(12_000, 1, 0, Duration.ofSeconds(60), Duration.ZERO, Duration.ofMinutes(5));
        assertThat(POLICY.decide(obs(0, 3, 24_000, 0), NO_UP_DELAY, PolicyMemory.INITIAL)
                        .decision()
                        .resize())
                .isFalse();
        // a backlog of 480k drains at 12k/s to spare in 40 s: over a 30 s target, within a 60 s one
        assertResizesTo(POLICY.decide(obs(0, 3, 24_000, 600_000), NO_UP_DELAY, PolicyMemory.INITIAL), 4);
        assertThat(POLICY.decide(obs(0, 3, 24_000, 600_000), sixty, PolicyMemory.INITIAL)
                        .decision()
                        .resize())
                .isFalse();
    }

    @Test
    void lagOfRecordsInFlightBetweenCommitsIsNoBacklog() {
        // 30k/s keeps 2.5 workers busy, 3 with headroom; 5 s of input (150k) in the lag is in flight
        assertThat(POLICY.decide(obs(0, 3, 30_000, 150_000), NO_UP_DELAY, PolicyMemory.INITIAL)
                        .decision()
                        .resize())
                .isFalse();
        PolicyOutcome behind = POLICY.decide(obs(0, 3, 30_000, 400_000), NO_UP_DELAY, PolicyMemory.INITIAL);
        assertThat(behind.decision())
                .isEqualTo(ScaleDecision.resize(
                        4,
                        "grow 3->4: input 30k/s + backlog 250k"
                                + " (lag 400k less 5s in flight) drained in 30s needs 3.8 workers of 12k/s "
                                + "with 20% headroom"));
    }

    @Test
    void learnsCapacityFromASaturatedPair() {
        PolicySettings learning = settings(0, 1, 0, Duration.ofSeconds(30), Duration.ZERO, Duration.ofMinutes(5));
        // 5 workers on 12 partitions: the busiest holds 3, so the group is worth 4 workers; 32k/s / 4 = 8k/s
        Observation saturated = new Observation(T0, 12, 5, 50_000, 32_000, 100_000);
        PolicyOutcome out = POLICY.decide(saturated, learning, PolicyMemory.INITIAL);
        assertThat(out.memory().learnedCapacity()).isEqualTo(9_400.0);
        assertThat(out.decision().reason()).contains("workers of 9.4k/s (learned)");

        PolicyOutcome next = POLICY.decide(
                new Observation(T0.plusSeconds(5), 12, 5, 50_000, 32_000, 190_000), learning, out.memory());
        assertThat(next.memory().learnedCapacity()).isEqualTo(9_400 + (8_000 - 9_400) * 0.3);
    }

    @Test
    void neverLearnsFromAnUnsaturatedPair() {
        PolicySettings learning = settings(0, 1, 0, Duration.ofSeconds(30), Duration.ZERO, Duration.ofMinutes(5));
        Observation keepingUp = new Observation(T0, 12, 4, 30_000, 30_000, 0);
        assertThat(POLICY.decide(keepingUp, learning, PolicyMemory.INITIAL)
                        .memory()
                        .learnedCapacity())
                .isEqualTo(PolicySettings.DEFAULT_INITIAL_CAPACITY);
        Observation drainingBacklog = new Observation(T0, 12, 4, 30_000, 40_000, 50_000);
        assertThat(POLICY.decide(drainingBacklog, learning, new PolicyMemory(8_000, 0, null, null))
                        .memory()
                        .learnedCapacity())
                .isEqualTo(8_000.0);
    }

    @Test
    void sizesWithTheLearnedCapacity() {
        PolicySettings learning = settings(0, 1, 0, Duration.ofSeconds(30), Duration.ZERO, Duration.ofMinutes(5));
        PolicyOutcome out = POLICY.decide(obs(0, 3, 40_000, 0), learning, new PolicyMemory(8_000, 0, null, null));
        assertResizesTo(out, 6);
    }

    @Test
    void configuredCapacityWinsOverTheLearnedOne() {
        PolicyOutcome out = POLICY.decide(obs(0, 3, 40_000, 0), NO_UP_DELAY, new PolicyMemory(8_000, 0, null, null));
        assertResizesTo(out, 4);
    }

    /** The decision on {@code CONFIGURED} settings and no lag at T0 + {@code second}, from {@code memory}. */
    private static PolicyOutcome decide(PolicyMemory memory, long second, int replicas, double input) {
        return POLICY.decide(obs(second, replicas, input, 0), CONFIGURED, memory);
    }

    private static void assertResizesTo(PolicyOutcome out, int replicas) {
        assertThat(out.decision())
                .extracting(ScaleDecision::resize, ScaleDecision::replicas)
                .containsExactly(true, replicas);
    }
}
