package io.shadowscale.scaler.model;

import static io.shadowscale.control.SlotName.BLUE;
import static io.shadowscale.control.SlotName.GREEN;
import static io.shadowscale.scaler.model.Walks.PARTS;
import static io.shadowscale.scaler.model.Walks.T0;
import static io.shadowscale.scaler.model.Walks.next;
import static io.shadowscale.scaler.model.Walks.p;
import static io.shadowscale.scaler.model.Walks.ps;
import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.common.Partition;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.PhaseCommand.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The planned handoff's walk, step by step, and its fallbacks to the fence/barrier walk. */
class PlannedHandoffTransitionsTest {
    private static final Map<Partition, Long> ENDS = Map.of(p(0), 1000L, p(1), 2000L, p(2), 3000L, p(3), 4000L);

    private static WorkerReport v2(WorkerReport w) {
        return new WorkerReport(
                w.workerId(),
                w.slot(),
                w.mode(),
                w.ready(),
                w.assigned(),
                w.active(),
                w.stopOffsets(),
                w.answered(),
                w.leaving(),
                w.generation(),
                2);
    }

    private static WorkerReport active(SlotName slot, String id, long answered, int... parts) {
        return v2(Walks.active(slot, id, answered, parts));
    }

    private static WorkerReport shadow(SlotName slot, String id, long answered, int... parts) {
        return v2(Walks.shadow(slot, id, answered, 1, parts));
    }

    private static WorkerReport released(
            SlotName slot, String id, long answered, Map<Partition, Long> stops, int... parts) {
        return new WorkerReport(
                id,
                slot,
                stops.size() == parts.length ? WorkerReport.Mode.DRAINING : WorkerReport.Mode.ACTIVE,
                true,
                ps(parts),
                Set.of(),
                stops,
                answered,
                false,
                1,
                2);
    }

    private static PairInputs in(boolean planAllowed, WorkerReport... workers) {
        return PairInputs.of(PARTS, List.of(workers)).withPlanAllowed(planAllowed);
    }

    /** Blue (2 workers of version 2) STEADY at T0 + 1 s. */
    private static PairState steady() {
        PairState s = PairState.starting(Walks.PAIR, 2, T0);
        return next(s, in(true, active(BLUE, "b1", 1, 0, 1), active(BLUE, "b2", 1, 2, 3)), T0.plusSeconds(1));
    }

    private static PairState warming(boolean planAllowed, WorkerReport... blue) {
        return next(steady(), in(planAllowed, blue).withRequest(new OperatorRequest.Resize(4)), T0.plusSeconds(2));
    }

    private static WorkerReport[] greenReady(long answered) {
        return new WorkerReport[] {
            shadow(GREEN, "g1", answered, 0),
            shadow(GREEN, "g2", answered, 1),
            shadow(GREEN, "g3", answered, 2),
            shadow(GREEN, "g4", answered, 3)
        };
    }

    private static PairInputs readyInputs(PairState w, WorkerReport... blue) {
        List<WorkerReport> all = new ArrayList<>(List.of(blue));
        all.addAll(List.of(greenReady(w.commandId())));
        Map<Partition, PairInputs.Progress> progress = new HashMap<>();
        progress.put(p(0), new PairInputs.Progress(990, 0, 0)); // caught up
        progress.put(p(1), new PairInputs.Progress(1500, 400, 1000)); // lagging: 500 behind, 1000/s, 400 ms old
        return PairInputs.of(PARTS, all).withPlanAllowed(true).withHandoffInputs(ENDS, progress);
    }

    /** The plan published at T0 + 3 s. */
    private static PairState handoff() {
        WorkerReport[] blue = {active(BLUE, "b1", 3, 0, 1), active(BLUE, "b2", 3, 2, 3)};
        PairState w = warming(true, blue);
        return next(w, readyInputs(w, blue), T0.plusSeconds(3));
    }

    @Test
    void steadyToWarmingPlannedWhenEveryWorkerOfTheActiveSlotSpeaksVersionTwo() {
        PairState w = warming(true, active(BLUE, "b1", 1, 0, 1), active(BLUE, "b2", 1, 2, 3));
        assertThat(w.phase()).isEqualTo(PairPhase.WARMING);
        assertThat(w.planned()).isTrue();
        assertThat(w.reason()).isEqualTo("resize 2 -> 4: operator asked for 4");
        assertThat(PhaseCommand.of(w))
                .containsExactly(new PhaseCommand(
                        GREEN, Kind.WARM, w.epoch(), w.commandId(), 4, "shadowscale.shop.orders.blue", Map.of(), true));
    }

    @Test
    void steadyToWarmingUnplannedWhenAWorkerOfTheActiveSlotSpeaksVersionOne() {
        PairState w = warming(true, active(BLUE, "b1", 1, 0, 1), Walks.active(BLUE, "b2", 1, 2, 3));
        assertThat(w.planned()).isFalse();
        assertThat(w.reason())
                .isEqualTo("resize 2 -> 4: operator asked for 4 (fence/barrier walk: a worker of blue"
                        + " speaks protocol version 1)");
        assertThat(PhaseCommand.of(w).get(0).planned()).isFalse();
    }

    @Test
    void steadyToWarmingUnplannedWhenTheControllerFencesAlways() {
        PairState w = warming(false, active(BLUE, "b1", 1, 0, 1), active(BLUE, "b2", 1, 2, 3));
        assertThat(w.planned()).isFalse();
        assertThat(w.reason()).isEqualTo("resize 2 -> 4: operator asked for 4");
    }

    @Test
    void warmingToCuttingOverHandoffWithAPlanBoundedByTheLogEnds() {
        PairState h = handoff();
        assertThat(h.phase()).isEqualTo(PairPhase.CUTTING_OVER);
        assertThat(h.step()).isEqualTo(CutoverStep.HANDOFF);
        // p0 caught up: min(1000, 990 + 0) = 990; p1 lagging: 1500 + 1000/s * (400 + 100) ms = 2000, bounded
        // by its end 2000; p2, p3 without a position: their log ends
        assertThat(h.plan()).isEqualTo(Map.of(p(0), 990L, p(1), 2000L, p(2), 3000L, p(3), 4000L));
        assertThat(h.reason())
                .isEqualTo("4 worker(s) of green ready, assignment covers 4 partition(s); handoff planned"
                        + " at orders-0@990, orders-1@2000, orders-2@3000, orders-3@4000");
        assertThat(PhaseCommand.of(h))
                .containsExactly(new PhaseCommand(BLUE, Kind.HANDOFF, h.epoch(), h.commandId(), 6, "", h.plan()));
        assertThat(PhaseCommand.of(h).get(0).readers()).containsExactly(BLUE, GREEN);
    }

    @Test
    void aLaggingPartitionIsPlannedJustAheadOfItsPositionNotAtTheLogEnd() {
        Map<Partition, Long> plan = HandoffPlan.of(
                Set.of(p(0)), Map.of(p(0), 50_000L), Map.of(p(0), new PairInputs.Progress(10_000, 200, 2000)));
        assertThat(plan).isEqualTo(Map.of(p(0), 10_600L)); // 10000 + 2000/s * 300 ms
    }

    @Test
    void warmingToCuttingOverFencingWhenAWorkerOfTheNewSlotSpeaksVersionOne() {
        WorkerReport[] blue = {active(BLUE, "b1", 3, 0, 1), active(BLUE, "b2", 3, 2, 3)};
        PairState w = warming(true, blue);
        PairInputs in = readyInputs(w, blue);
        List<WorkerReport> workers = new ArrayList<>(in.workers());
        workers.set(2, Walks.shadow(GREEN, "g1", w.commandId(), 1, 0));
        PairState c = next(
                w,
                new PairInputs(
                        PARTS,
                        workers,
                        in.decision(),
                        in.request(),
                        Map.of(),
                        Map.of(),
                        OptionalInt.empty(),
                        ENDS,
                        Map.of(),
                        true),
                T0.plusSeconds(3));
        assertThat(c.step()).isEqualTo(CutoverStep.FENCING);
        assertThat(c.plan()).isEmpty();
        assertThat(PhaseCommand.of(c))
                .containsExactly(new PhaseCommand(BLUE, Kind.FENCE, c.epoch(), c.commandId(), 0, "", Map.of()));
    }

    @Test
    void warmingToCuttingOverFencingWhenTheLogEndsCouldNotBeRead() {
        WorkerReport[] blue = {active(BLUE, "b1", 3, 0, 1), active(BLUE, "b2", 3, 2, 3)};
        PairState w = warming(true, blue);
        PairState c = next(w, readyInputs(w, blue).withHandoffInputs(Map.of(), Map.of()), T0.plusSeconds(3));
        assertThat(c.step()).isEqualTo(CutoverStep.FENCING);
    }

    @Test
    void handoffToDrainingWhenTheNewSlotIsActiveOnEveryPlannedPartition() {
        PairState h = handoff();
        long id = h.commandId();
        PairState d = next(
                h,
                in(
                        true,
                        active(GREEN, "g1", id, 0),
                        active(GREEN, "g2", id, 1),
                        active(GREEN, "g3", id, 2),
                        active(GREEN, "g4", id, 3)),
                T0.plusSeconds(4));
        assertThat(d.phase()).isEqualTo(PairPhase.DRAINING);
        assertThat(d.step()).isEqualTo(CutoverStep.NONE);
        assertThat(d.active()).isEqualTo(GREEN);
        assertThat(d.reason()).isEqualTo("green active on all 4 partition(s) (planned handoff)");
        PairState steady = next(
                d,
                in(true, Walks.idle(BLUE, "b1", d.commandId()), Walks.idle(BLUE, "b2", d.commandId())),
                T0.plusSeconds(5));
        assertThat(steady.phase()).isEqualTo(PairPhase.STEADY);
        assertThat(steady.plan()).isEmpty();
        assertThat(steady.planned()).isFalse();
    }

    @Test
    void handoffStaysWhileAPartitionIsNotStartedAndRefusesARollback() {
        PairState h = handoff();
        long id = h.commandId();
        PairInputs in = in(true, active(GREEN, "g1", id, 0), active(GREEN, "g2", id, 1), active(GREEN, "g3", id, 2))
                .withRequest(new OperatorRequest.Rollback());
        assertThat(next(h, in, T0.plusSeconds(4))).isSameAs(h);
        assertThat(PairTransitions.refusal(h, new OperatorRequest.Rollback()))
                .contains("pair shop/orders has published its handoff plan; the walk can only finish");
    }

    @Test
    void handoffFallsBackToABarrierForAPartitionWhoseOwnerLeftWithoutReleasingIt() {
        PairState h = handoff();
        long id = h.commandId();
        WorkerReport b1 = released(BLUE, "b1", id, Map.of(p(0), 990L, p(1), 2000L), 0, 1);
        WorkerReport b2 = released(BLUE, "b2", id, Map.of(p(2), 3000L), 2, 3); // p3 never released: b2 crashed
        PairInputs in = in(
                        true,
                        b1,
                        b2,
                        active(GREEN, "g1", id, 0),
                        active(GREEN, "g2", id, 1),
                        active(GREEN, "g3", id, 2))
                .withFallback(Map.of(p(3), 3950L), Map.of(p(3), 3990L));
        assertThat(next(h, in, T0.plusSeconds(12))).isSameAs(h); // fence timeout (10 s) not over yet
        PairState b = next(h, in, T0.plusSeconds(13));
        assertThat(b.phase()).isEqualTo(PairPhase.CUTTING_OVER);
        assertThat(b.step()).isEqualTo(CutoverStep.BARRIER);
        assertThat(b.barrier()).isEqualTo(Map.of(p(0), 990L, p(1), 2000L, p(2), 3000L, p(3), 3950L));
        assertThat(b.fallbackPartitions()).isEqualTo(Set.of(p(3)));
        assertThat(b.fallbackRecords()).isEqualTo(40);
        assertThat(b.reason())
                .isEqualTo("barrier published: 3 partition(s) released, 1 from committed offsets after the"
                        + " owner left (at-least-once: 40 record(s) known to be re-processed) [orders-3]");
        assertThat(PhaseCommand.of(b))
                .containsExactly(new PhaseCommand(GREEN, Kind.BARRIER, b.epoch(), b.commandId(), 4, "", b.barrier()));
    }

    @Test
    void handoffPublishesAnExactBarrierWhenEveryPartitionIsReleasedButANewOwnerNeverStartedOne() {
        PairState h = handoff();
        long id = h.commandId();
        WorkerReport b1 = released(BLUE, "b1", id, Map.of(p(0), 990L, p(1), 2000L), 0, 1);
        WorkerReport b2 = released(BLUE, "b2", id, Map.of(p(2), 3000L, p(3), 3990L), 2, 3);
        // the release of orders-3 never reached green: its owner (g4) holds it, unstarted
        PairInputs in = in(
                true,
                b1,
                b2,
                active(GREEN, "g1", id, 0),
                active(GREEN, "g2", id, 1),
                active(GREEN, "g3", id, 2),
                active(GREEN, "g4", id));
        assertThat(next(h, in, T0.plusSeconds(12))).isSameAs(h); // fence timeout (10 s) not over yet
        PairState b = next(h, in, T0.plusSeconds(13));
        assertThat(b.phase()).isEqualTo(PairPhase.CUTTING_OVER);
        assertThat(b.step()).isEqualTo(CutoverStep.BARRIER);
        assertThat(b.barrier()).isEqualTo(Map.of(p(0), 990L, p(1), 2000L, p(2), 3000L, p(3), 3990L));
        assertThat(b.fallbackPartitions()).isEmpty();
        assertThat(b.fallbackRecords()).isZero();
        assertThat(b.reason())
                .isEqualTo("barrier published: 4 partition(s) released, 1 not reported started by the new slot"
                        + " within PT10S [orders-3]");
        assertThat(PhaseCommand.of(b))
                .containsExactly(new PhaseCommand(GREEN, Kind.BARRIER, b.epoch(), b.commandId(), 4, "", b.barrier()));
        PairState d = next(
                b,
                in(
                        true,
                        active(GREEN, "g1", b.commandId(), 0),
                        active(GREEN, "g2", b.commandId(), 1),
                        active(GREEN, "g3", b.commandId(), 2),
                        active(GREEN, "g4", b.commandId(), 3)),
                T0.plusSeconds(14));
        assertThat(d.phase()).isEqualTo(PairPhase.DRAINING);
    }

    @Test
    void aResumedHandoffSendsTheSamePlanAgainWithAHigherEpoch() {
        PairState h = handoff();
        PairState r = h.resumed(T0.plusSeconds(4));
        assertThat(r.step()).isEqualTo(CutoverStep.HANDOFF);
        assertThat(r.epoch()).isEqualTo(h.epoch() + 1);
        assertThat(PhaseCommand.of(r))
                .containsExactly(new PhaseCommand(BLUE, Kind.HANDOFF, r.epoch(), r.commandId(), 6, "", h.plan()));
    }
}
