package io.shadowscale.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.model.ScaleDecision;
import io.shadowscale.scaler.model.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class StateMachineWalkTest {
    private static final PolicySettings SETTINGS = PolicySettings.DEFAULTS;
    private static final WalkTimes TIMES = new WalkTimes(10_500, 30, 100, 1_000);
    private static final PolicyMemory MEMORY = new PolicyMemory(0, 0, null, StateMachineWalk.EPOCH.plusSeconds(10));

    private static Instant at(long millis) {
        return StateMachineWalk.EPOCH.plusMillis(millis);
    }

    private static PolicyOutcome resize(int replicas) {
        return new PolicyOutcome(ScaleDecision.resize(replicas, "test wants " + replicas), MEMORY);
    }

    private static StateMachineWalk walkedTo(int second, StateMachineWalk walk) {
        for (int t = 0; t < second; t++) {
            walk.step(t);
        }
        return walk;
    }

    @Test
    void oneGrowTakesWarmupThenFenceAndBarrierThenDrain() {
        StateMachineWalk walk = walkedTo(10, new StateMachineWalk(4, 12, SETTINGS, TIMES));
        assertThat(walk.state().phase()).isEqualTo(PairPhase.STEADY);
        walk.decide(10, resize(6));
        assertThat(walk.state().phase()).isEqualTo(PairPhase.WARMING);
        assertThat(walk.state().memory()).isEqualTo(MEMORY);
        // warming: 4 (of 12 partitions: 4 effective) process, 4 + 6 are paid for
        for (int t = 10; t < 20; t++) {
            assertThat(walk.step(t)).isEqualTo(new PairWalk.Step(4, 10, 4.0, 0, false));
        }
        // 20.500 ready -> CUTTING_OVER (fence), 20.530 barrier, 20.630 green active (DRAINING):
        // 500 ms x 4 + 130 ms x 0 + 370 ms x 6 worker-ms, 130 ms stalled
        assertThat(walk.step(20)).isEqualTo(new PairWalk.Step(6, 10, 4.22, 0.13, true));
        // the old slot drains until 21.630
        assertThat(walk.step(21)).isEqualTo(new PairWalk.Step(6, 10, 6.0, 0, false));
        assertThat(walk.step(22)).isEqualTo(new PairWalk.Step(6, 6, 6.0, 0, false));
        List<Transition> history = walk.state().history();
        assertThat(history.subList(history.size() - 5, history.size()))
                .extracting(Transition::at, Transition::to)
                .containsExactly(
                        Tuple.tuple(at(10_000), PairPhase.WARMING),
                        Tuple.tuple(at(20_500), PairPhase.CUTTING_OVER),
                        Tuple.tuple(at(20_530), PairPhase.CUTTING_OVER),
                        Tuple.tuple(at(20_630), PairPhase.DRAINING),
                        Tuple.tuple(at(21_630), PairPhase.STEADY));
        assertThat(walk.state().active()).isEqualTo(SlotName.GREEN);
        assertThat(walk.state().activeReplicas()).isEqualTo(6);
        assertThat(walk.state().reason()).isEqualTo("blue drained; walk to 6 took 11630 ms");
    }

    @Test
    void aShrinkAtASecondBoundaryBillsTheOldSlotOnlyUntilItLeft() {
        // warm 2 s, fence 400, barrier 600, drain 1 s: ready 7.000, active 8.000, drained 9.000
        StateMachineWalk walk =
                walkedTo(5, new StateMachineWalk(6, 12, SETTINGS, new WalkTimes(2_000, 400, 600, 1_000)));
        walk.decide(5, resize(3));
        assertThat(walk.step(5)).isEqualTo(new PairWalk.Step(6, 9, 6.0, 0, false));
        assertThat(walk.step(6)).isEqualTo(new PairWalk.Step(6, 9, 6.0, 0, false));
        assertThat(walk.step(7)).isEqualTo(new PairWalk.Step(6, 9, 0.0, 1.0, false));
        assertThat(walk.step(8)).isEqualTo(new PairWalk.Step(3, 9, 3.0, 0, true));
        assertThat(walk.step(9)).isEqualTo(new PairWalk.Step(3, 3, 3.0, 0, false));
        assertThat(walk.state().phase()).isEqualTo(PairPhase.STEADY);
        assertThat(walk.state().history().get(walk.state().history().size() - 1).at())
                .isEqualTo(at(9_000));
    }

    @Test
    void aWarmupLongerThanTheTimeoutRollsBackAndKeepsTheOldSize() {
        PolicySettings quick = new PolicySettings(
                12_000,
                1,
                0,
                0.2,
                Duration.ofSeconds(30),
                Duration.ofSeconds(15),
                Duration.ofMinutes(5),
                Duration.ofSeconds(3),
                Duration.ofSeconds(10));
        StateMachineWalk walk = new StateMachineWalk(2, 12, quick, new WalkTimes(5_000, 30, 100, 500));
        walk.decide(0, resize(4));
        assertThat(walk.step(0)).isEqualTo(new PairWalk.Step(2, 6, 2.0, 0, false));
        assertThat(walk.step(1)).isEqualTo(new PairWalk.Step(2, 6, 2.0, 0, false));
        assertThat(walk.step(2)).isEqualTo(new PairWalk.Step(2, 6, 2.0, 0, false));
        assertThat(walk.state().phase()).isEqualTo(PairPhase.WARMING);
        // 3.000 warm-up timeout: ROLLING_BACK, green scaled to 0; no green worker ever reported, so
        // none is left to abort and the next look (the Abort's answer time later) finds it STEADY
        assertThat(walk.step(3)).isEqualTo(new PairWalk.Step(2, 2, 2.0, 0, false));
        assertThat(walk.state().phase()).isEqualTo(PairPhase.STEADY);
        assertThat(walk.state().history())
                .extracting(Transition::at, Transition::to)
                .endsWith(Tuple.tuple(at(3_000), PairPhase.ROLLING_BACK), Tuple.tuple(at(3_500), PairPhase.STEADY));
        assertThat(walk.state().active()).isEqualTo(SlotName.BLUE);
        assertThat(walk.state().reason()).isEqualTo("rolled back; blue stays active with 2");
    }

    @Test
    void refusesADecisionDuringAWalkOrOutOfStep() {
        StateMachineWalk walk = new StateMachineWalk(2, 12, SETTINGS, TIMES);
        walk.decide(0, resize(4));
        assertThatThrownBy(() -> walk.decide(0, resize(6)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the pair is WARMING; the policy is asked only when STEADY");
        assertThatThrownBy(() -> walk.step(3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("step of second 3 but the walk is at 0 ms");
    }
}
