package io.shadowscale.scaler.model;

import static io.shadowscale.control.SlotName.BLUE;
import static io.shadowscale.control.SlotName.GREEN;
import static io.shadowscale.scaler.model.Walks.FIRST_WALK_PHASES;
import static io.shadowscale.scaler.model.Walks.PAIR;
import static io.shadowscale.scaler.model.Walks.T0;
import static io.shadowscale.scaler.model.Walks.active;
import static io.shadowscale.scaler.model.Walks.fenced;
import static io.shadowscale.scaler.model.Walks.idle;
import static io.shadowscale.scaler.model.Walks.in;
import static io.shadowscale.scaler.model.Walks.next;
import static io.shadowscale.scaler.model.Walks.p;
import static io.shadowscale.scaler.model.Walks.shadow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.scaler.model.PhaseCommand.Kind;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PairTransitionsTest {

    // ---- STARTING ----

    @Test
    void startingActivatesTheFirstSlotWithTheInitialSize() {
        PairState s = PairState.starting(PAIR, 2, T0);
        assertThat(s.targetOf(BLUE)).isEqualTo(SlotTarget.run(2, "starting: active with 2"));
        assertThat(s.targetOf(GREEN)).isEqualTo(new SlotTarget(0, false, "starting: idle"));
        assertThat(PhaseCommand.of(s)).containsExactly(new PhaseCommand(BLUE, Kind.ACTIVATE, 1, 1, 0, "", Map.of()));
    }

    @Test
    void startingToSteadyWhenEveryWorkerIsActive() {
        PairState s = Walks.steady();
        assertThat(s.phase()).isEqualTo(PairPhase.STEADY);
        assertThat(s.epoch()).isEqualTo(2);
        assertThat(s.reason()).isEqualTo("2 worker(s) of blue active");
        assertThat(PhaseCommand.of(s)).isEmpty();
    }

    @Test
    void startingStaysWhileAWorkerHasNotAnsweredActivate() {
        PairState s = PairState.starting(PAIR, 2, T0);
        PairState same = next(s, in(active(BLUE, "b1", 1, 0, 1), active(BLUE, "b2", 0, 2, 3)), T0.plusSeconds(1));
        assertThat(same).isSameAs(s);
    }

    // ---- STEADY ----

    @Test
    void steadyToWarmingOnAPolicyResize() {
        PairState s = Walks.steady();
        PairState w = next(s, in().withDecision(ScaleDecision.resize(4, "input 30000/s")), T0.plusSeconds(2));
        assertThat(w.phase()).isEqualTo(PairPhase.WARMING);
        assertThat(w.epoch()).isEqualTo(3);
        assertThat(w.targetReplicas()).isEqualTo(4);
        assertThat(w.walkStartedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(w.reason()).isEqualTo("resize 2 -> 4: input 30000/s");
        assertThat(w.targetOf(BLUE)).isEqualTo(SlotTarget.run(2, "warming: active with 2"));
        assertThat(w.targetOf(GREEN)).isEqualTo(SlotTarget.run(4, "warming: waking 4"));
        assertThat(PhaseCommand.of(w))
                .containsExactly(new PhaseCommand(GREEN, Kind.WARM, 3, 3, 4, "shadowscale.shop.orders.blue", Map.of()));
        assertThat(w.history())
                .last()
                .isEqualTo(new Transition(
                        T0.plusSeconds(2), 3, PairPhase.STEADY, PairPhase.WARMING, "resize 2 -> 4: input 30000/s"));
    }

    @Test
    void steadyStaysOnHoldOrOnTheSameSize() {
        PairState s = Walks.steady();
        assertThat(next(s, in().withDecision(ScaleDecision.hold(2, "fine")), T0.plusSeconds(2)))
                .isSameAs(s);
        assertThat(next(s, in().withDecision(ScaleDecision.resize(2, "same")), T0.plusSeconds(2)))
                .isSameAs(s);
    }

    @Test
    void steadyIgnoresThePolicyWhilePausedButTakesAnOperatorResize() {
        PairState paused = Walks.steady().withPaused(true, T0.plusSeconds(2));
        assertThat(next(paused, in().withDecision(ScaleDecision.resize(4, "x")), T0.plusSeconds(3)))
                .isSameAs(paused);
        PairState w = next(paused, in().withRequest(new OperatorRequest.Resize(1)), T0.plusSeconds(3));
        assertInPhase(w, PairPhase.WARMING, "resize 2 -> 1: operator asked for 1");
    }

    // ---- WARMING ----

    @Test
    void warmingToCuttingOverWhenEveryWorkerIsReadyAndCoversEveryPartition() {
        PairState f = Walks.fencing();
        assertInPhase(f, PairPhase.CUTTING_OVER, "4 worker(s) of green ready, assignment covers 4 partition(s)");
        assertThat(f.barrier()).isEmpty();
        assertThat(PhaseCommand.of(f)).containsExactly(new PhaseCommand(BLUE, Kind.FENCE, 4, 4, 0, "", Map.of()));
        assertThat(f.targetOf(GREEN).replicas()).isEqualTo(4);
        assertThat(f.targetOf(BLUE).replicas()).isEqualTo(2);
    }

    /** The walk's wanted size, and the reports (given the warm command's id) on which warming stays. */
    static Stream<Arguments> warmingStays() {
        return Stream.of(
                stays(
                        "when the assignment misses a partition",
                        2,
                        c -> in(shadow(GREEN, "g1", c, 5, 0, 1), shadow(GREEN, "g2", c, 5, 2))),
                stays(
                        "while fewer workers than wanted are ready even if they cover every partition",
                        4,
                        c -> in(shadow(GREEN, "g1", c, 2, 0, 1), shadow(GREEN, "g2", c, 2, 2, 3))),
                stays(
                        "while two workers claim one partition",
                        4,
                        c -> in(
                                shadow(GREEN, "g1", c, 5, 0),
                                shadow(GREEN, "g2", c, 5, 1, 2),
                                shadow(GREEN, "g3", c, 5, 2),
                                shadow(GREEN, "g4", c, 5, 3))),
                stays(
                        "with ready pods alone, without the workers' reports",
                        3,
                        c -> in(shadow(GREEN, "g1", c, 5, 0, 1)).withPodsReady(OptionalInt.of(5))),
                stays(
                        "on readiness that did not answer the warm command",
                        2,
                        c -> in(shadow(GREEN, "g1", c - 1, 5, 0, 1), shadow(GREEN, "g2", c - 1, 5, 2, 3))));
    }

    private static Arguments stays(String when, int wanted, LongFunction<PairInputs> reports) {
        return Arguments.of(when, wanted, reports);
    }

    @ParameterizedTest(name = "warming stays {0}")
    @MethodSource
    void warmingStays(String when, int wanted, LongFunction<PairInputs> reports) {
        PairState w = Walks.warming(wanted);
        assertThat(next(w, reports.apply(w.commandId()), T0.plusSeconds(3))).isSameAs(w);
    }

    @Test
    void warmingToCuttingOverWhateverEachMembersGeneration() {
        PairState w = Walks.warming(4);
        long c = w.commandId();
        assertThat(next(
                                w,
                                in(
                                        shadow(GREEN, "g1", c, 5, 0),
                                        shadow(GREEN, "g2", c, 6, 1),
                                        shadow(GREEN, "g3", c, 9, 2),
                                        shadow(GREEN, "g4", c, 1, 3)),
                                T0.plusSeconds(3))
                        .phase())
                .isEqualTo(PairPhase.CUTTING_OVER);
    }

    @Test
    void warmingWaitsForTheDeploymentToReportTheWakingPodsReady() {
        PairState w = Walks.warming(3);
        long c = w.commandId();
        PairInputs workersReady =
                in(shadow(GREEN, "g1", c, 5, 0, 1), shadow(GREEN, "g2", c, 5, 2), shadow(GREEN, "g3", c, 5, 3));

        assertThat(next(w, workersReady.withPodsReady(OptionalInt.of(2)), T0.plusSeconds(3)))
                .isSameAs(w);
        PairState f = next(w, workersReady.withPodsReady(OptionalInt.of(3)), T0.plusSeconds(4));
        assertInPhase(
                f,
                PairPhase.CUTTING_OVER,
                "3 worker(s) of green ready, assignment covers 4 partition(s), Deployment reports 3 pod(s) ready");
    }

    @Test
    void warmupTimeoutNamesTheReadyPodsWhenKubernetesReportsThem() {
        PairState w = Walks.warming(3);
        long c = w.commandId();
        PairState r = next(
                w,
                in(shadow(GREEN, "g1", c, 5, 0, 1), shadow(GREEN, "g2", c, 5, 2), shadow(GREEN, "g3", c, 5, 3))
                        .withPodsReady(OptionalInt.of(0)),
                T0.plusSeconds(63));
        assertThat(r.phase()).isEqualTo(PairPhase.ROLLING_BACK);
        assertThat(r.history())
                .last()
                .extracting(Transition::reason)
                .isEqualTo("warm-up did not finish within PT1M: "
                        + "3 of 3 worker(s) ready, 4 of 4 partition(s) covered, Deployment reports 0 pod(s) ready");
    }

    @Test
    void warmingToRollingBackAfterTheWarmupTimeout() {
        PairState w = Walks.warming(4);
        long c = w.commandId();
        PairInputs oneReady = in(shadow(GREEN, "g1", c, 5, 0, 1));
        assertThat(next(w, oneReady, T0.plusSeconds(61))).isSameAs(w);
        PairState r = next(w, oneReady, T0.plusSeconds(62));
        assertInPhase(
                r,
                PairPhase.ROLLING_BACK,
                "warm-up did not finish within PT1M: 1 of 4 worker(s) ready, 2 of 4 partition(s) covered");
        assertThat(r.reactivateOld()).isFalse();
        assertThat(r.targetOf(GREEN)).isEqualTo(new SlotTarget(0, false, "rolling_back: idle"));
        assertThat(r.targetOf(BLUE)).isEqualTo(SlotTarget.run(2, "rolling_back: active with 2"));
        assertThat(PhaseCommand.of(r))
                .containsExactly(new PhaseCommand(GREEN, Kind.ABORT, r.epoch(), r.commandId(), 0, "", Map.of()));
    }

    @Test
    void warmingToRollingBackOnAnOperatorRollback() {
        PairState r = Walks.rollingBack();
        assertInPhase(r, PairPhase.ROLLING_BACK, "operator rolled back the warm-up");
    }

    // ---- CUTTING_OVER ----

    @Test
    void cuttingOverPublishesTheBarrierFromTheStopOffsets() {
        PairState b = Walks.barrier();
        assertThat(b.phase()).isEqualTo(PairPhase.CUTTING_OVER);
        assertThat(b.epoch()).isEqualTo(5);
        assertThat(b.since()).isEqualTo(T0.plusSeconds(3));
        assertThat(b.barrier()).isEqualTo(Map.of(p(0), 100L, p(1), 101L, p(2), 102L, p(3), 103L));
        assertThat(b.reason()).isEqualTo("barrier published: 4 stop offset(s) from the fence");
        assertThat(PhaseCommand.of(b)).containsExactly(new PhaseCommand(GREEN, Kind.BARRIER, 5, 5, 4, "", b.barrier()));
    }

    @Test
    void cuttingOverIgnoresStopOffsetsThatDoNotAnswerTheFence() {
        PairState f = Walks.fencing();
        long before = f.commandId() - 1;
        assertThat(next(
                        f,
                        in(fenced(BLUE, "b1", before, 100, 0, 1), fenced(BLUE, "b2", before, 100, 2, 3)),
                        T0.plusSeconds(4)))
                .isSameAs(f);
    }

    @Test
    void cuttingOverWaitsForMissingStopOffsetsUntilTheFenceTimeout() {
        PairState f = Walks.fencing();
        PairInputs half =
                in(fenced(BLUE, "b1", f.commandId(), 100, 0, 1)).withFallback(Map.of(p(2), 90L, p(3), 91L), Map.of());
        assertThat(next(f, half, T0.plusSeconds(12))).isSameAs(f);
    }

    @Test
    void cuttingOverFallsBackToCommittedOffsetsAfterTheFenceTimeoutAndCountsTheCost() {
        PairState f = Walks.fencing();
        PairInputs half = in(fenced(BLUE, "b1", f.commandId(), 100, 0, 1))
                .withFallback(Map.of(p(2), 90L, p(3), 91L), Map.of(p(2), 95L));
        PairState b = next(f, half, T0.plusSeconds(13));
        assertThat(b.barrier()).isEqualTo(Map.of(p(0), 100L, p(1), 101L, p(2), 90L, p(3), 91L));
        assertThat(b.fallbackPartitions()).containsExactlyInAnyOrder(p(2), p(3));
        assertThat(b.fallbackRecords()).isEqualTo(5);
        assertThat(b.reason())
                .isEqualTo("barrier published: 2 stop offset(s) from the fence, 2 from committed "
                        + "offsets after the owner left (at-least-once: 5 record(s) known to be re-processed) "
                        + "[orders-2, orders-3]");
    }

    @Test
    void cuttingOverKeepsWaitingWhileAnOwnerHasNotLeftTheGroup() {
        PairState f = Walks.fencing();
        PairInputs onlyOneGone =
                in(fenced(BLUE, "b1", f.commandId(), 100, 0, 1)).withFallback(Map.of(p(2), 90L), Map.of());
        assertThat(next(f, onlyOneGone, T0.plusSeconds(30))).isSameAs(f);
    }

    @Test
    void cuttingOverToDrainingWhenTheNewSlotIsActiveOnEveryPartition() {
        PairState d = Walks.draining();
        assertThat(d.phase()).isEqualTo(PairPhase.DRAINING);
        assertThat(d.active()).isEqualTo(GREEN);
        assertThat(d.activeReplicas()).isEqualTo(4);
        assertThat(d.reason()).isEqualTo("green active on all 4 partition(s)");
        assertThat(d.targetOf(GREEN)).isEqualTo(SlotTarget.run(4, "draining: active with 4"));
        assertThat(d.targetOf(BLUE)).isEqualTo(new SlotTarget(0, false, "draining: idle"));
        assertThat(PhaseCommand.of(d)).containsExactly(new PhaseCommand(BLUE, Kind.DRAIN, 6, 6, 0, "", Map.of()));
    }

    @Test
    void cuttingOverStaysWhileAPartitionIsNotActiveYet() {
        PairState b = Walks.barrier();
        assertThat(next(b, in(active(GREEN, "g1", b.commandId(), 0, 1, 2)), T0.plusSeconds(30)))
                .isSameAs(b);
    }

    @Test
    void cuttingOverToRollingBackBeforeTheBarrierReactivatesTheOldSlot() {
        PairState f = Walks.fencing();
        PairState r = next(f, in().withRequest(new OperatorRequest.Rollback()), T0.plusSeconds(4));
        assertThat(r.phase()).isEqualTo(PairPhase.ROLLING_BACK);
        assertThat(r.reactivateOld()).isTrue();
        assertThat(PhaseCommand.of(r))
                .containsExactly(
                        new PhaseCommand(GREEN, Kind.ABORT, r.epoch(), r.commandId(), 0, "", Map.of()),
                        new PhaseCommand(BLUE, Kind.ACTIVATE, r.epoch(), r.commandId(), 0, "", Map.of()));
    }

    @Test
    void refusesRollbackOnceTheBarrierIsPublishedAndResizeDuringAWalk() {
        assertThat(PairTransitions.refusal(Walks.barrier(), new OperatorRequest.Rollback()))
                .contains("pair shop/orders has published its barrier; the walk can only finish");
        assertThat(PairTransitions.refusal(Walks.warming(4), new OperatorRequest.Resize(3)))
                .contains("pair shop/orders is WARMING; a resize is accepted only when STEADY");
        assertThat(PairTransitions.refusal(Walks.steady(), new OperatorRequest.Rollback()))
                .contains("pair shop/orders is STEADY; there is no walk to roll back");
        assertThat(PairTransitions.refusal(Walks.steady(), new OperatorRequest.Resize(2)))
                .contains("pair shop/orders already has 2 worker(s)");
        assertThat(PairTransitions.refusal(Walks.steady(), new OperatorRequest.Resize(3)))
                .isEqualTo(Optional.empty());
        PairState b = Walks.barrier();
        assertThat(next(b, in().withRequest(new OperatorRequest.Rollback()), T0.plusSeconds(6)))
                .isSameAs(b);
    }

    // ---- DRAINING ----

    @Test
    void drainingToSteadyWhenEveryOldWorkerAnswered() {
        PairState d = Walks.draining();
        PairState s = next(d, in(idle(BLUE, "b1", d.commandId()), idle(BLUE, "b2", d.commandId())), T0.plusSeconds(6));
        assertThat(s.phase()).isEqualTo(PairPhase.STEADY);
        assertThat(s.active()).isEqualTo(GREEN);
        assertThat(s.activeReplicas()).isEqualTo(4);
        assertThat(s.targetReplicas()).isEqualTo(4);
        assertThat(s.barrier()).isEmpty();
        assertThat(s.reason()).isEqualTo("blue drained; walk to 4 took 4000 ms");
    }

    @Test
    void drainingStaysWhileAnOldWorkerHasNotAnswered() {
        PairState d = Walks.draining();
        PairInputs one = in(idle(BLUE, "b1", d.commandId()), fenced(BLUE, "b2", d.commandId() - 1, 100, 2, 3));
        assertThat(next(d, one, T0.plusSeconds(14))).isSameAs(d);
    }

    @Test
    void drainingToSteadyAfterTheFenceTimeoutEvenIfUnanswered() {
        PairState d = Walks.draining();
        PairInputs one = in(fenced(BLUE, "b2", d.commandId() - 1, 100, 2, 3));
        PairState s = next(d, one, T0.plusSeconds(15));
        assertInPhase(s, PairPhase.STEADY, "drain not answered within PT10S; walk to 4 took 13000 ms");
    }

    // ---- ROLLING_BACK ----

    @Test
    void rollingBackToSteadyWhenTheNewSlotAborted() {
        PairState r = Walks.rollingBack();
        assertThat(next(r, in(shadow(GREEN, "g1", r.commandId() - 1, 5, 0)), T0.plusSeconds(4)))
                .isSameAs(r);
        PairState s = next(r, in(idle(GREEN, "g1", r.commandId())), T0.plusSeconds(4));
        assertThat(s.phase()).isEqualTo(PairPhase.STEADY);
        assertThat(s.active()).isEqualTo(BLUE);
        assertThat(s.activeReplicas()).isEqualTo(2);
        assertThat(s.targetReplicas()).isEqualTo(2);
        assertThat(s.reason()).isEqualTo("rolled back; blue stays active with 2");
        assertThat(s.targetOf(GREEN)).isEqualTo(new SlotTarget(0, false, "steady: idle"));
    }

    @Test
    void rollingBackWaitsUntilTheFencedOldSlotIsActiveAgain() {
        PairState r = next(Walks.fencing(), in().withRequest(new OperatorRequest.Rollback()), T0.plusSeconds(4));
        long c = r.commandId();
        assertThat(next(r, in(idle(GREEN, "g1", c), active(BLUE, "b1", c, 0, 1)), T0.plusSeconds(5)))
                .isSameAs(r);
        PairState s = next(
                r,
                in(idle(GREEN, "g1", c), active(BLUE, "b1", c, 0, 1), active(BLUE, "b2", c, 2, 3)),
                T0.plusSeconds(5));
        assertThat(s.phase()).isEqualTo(PairPhase.STEADY);
        assertThat(s.reactivateOld()).isFalse();
    }

    @Test
    void rollingBackToSteadyAfterTheWarmupTimeoutEvenIfUnanswered() {
        PairState r = Walks.rollingBack();
        PairInputs stuck = in(shadow(GREEN, "g1", 0, 5, 0));
        assertThat(next(r, stuck, T0.plusSeconds(62))).isSameAs(r);
        PairState s = next(r, stuck, T0.plusSeconds(63));
        assertInPhase(s, PairPhase.STEADY, "rollback not fully answered within PT1M; blue stays active with 2");
    }

    // ---- shrink ----

    @Test
    void aShrinkWalkTakesTheSamePathToFewerWorkers() {
        PairState w = Walks.warming(1);
        long c = w.commandId();
        PairState f = next(w, in(shadow(GREEN, "g1", c, 3, 0, 1, 2, 3)), T0.plusSeconds(3));
        assertThat(f.phase()).isEqualTo(PairPhase.CUTTING_OVER);
        PairState b = next(
                f,
                in(fenced(BLUE, "b1", f.commandId(), 7, 0, 1), fenced(BLUE, "b2", f.commandId(), 7, 2, 3)),
                T0.plusSeconds(4));
        PairState d = next(b, in(active(GREEN, "g1", b.commandId(), 0, 1, 2, 3)), T0.plusSeconds(5));
        PairState s = next(d, in(), T0.plusSeconds(6));
        assertThat(s.phase()).isEqualTo(PairPhase.STEADY);
        assertThat(s.active()).isEqualTo(GREEN);
        assertThat(s.activeReplicas()).isEqualTo(1);
        assertThat(s.history()).extracting(Transition::to).containsExactlyElementsOf(FIRST_WALK_PHASES);
    }

    // ---- the table ----

    @Test
    void transitionToRejectsAMoveOutsideTheTable() {
        assertThatThrownBy(() -> Walks.steady().transitionTo(PairPhase.DRAINING, T0, "x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("pair shop/orders cannot move from STEADY to DRAINING; allowed from STEADY: [WARMING]");
    }

    @Test
    void theTableAllowsExactlyTheDocumentedMoves() {
        StringBuilder table = new StringBuilder();
        for (PairPhase from : PairPhase.values()) {
            for (PairPhase to : PairPhase.values()) {
                if (from.canMoveTo(to)) {
                    table.append(from).append("->").append(to).append(' ');
                }
            }
        }
        assertThat(table.toString().trim())
                .isEqualTo("STARTING->STEADY STEADY->WARMING WARMING->CUTTING_OVER "
                        + "WARMING->ROLLING_BACK CUTTING_OVER->DRAINING CUTTING_OVER->ROLLING_BACK DRAINING->STEADY "
                        + "ROLLING_BACK->STEADY");
    }

    /** {@code s} is in {@code phase}, entered for {@code reason}. */
    private static void assertInPhase(PairState s, PairPhase phase, String reason) {
        assertThat(s.phase()).isEqualTo(phase);
        assertThat(s.reason()).isEqualTo(reason);
    }
}
