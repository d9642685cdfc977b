package io.shadowscale.scaler.model;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Shared fixtures for the state-machine tests: a pair of 4 partitions, workers, and walks. */
public final class Walks {
    public static final PairKey PAIR = new PairKey("shop", "orders");
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    public static final PolicySettings SETTINGS = new PolicySettings(
            0,
            1,
            0,
            0.2,
            Duration.ofSeconds(30),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofSeconds(60),
            Duration.ofSeconds(10));
    public static final Set<Partition> PARTS = Set.of(p(0), p(1), p(2), p(3));
    /**
     * The phases a new pair's history records up to the end of its first fence/barrier walk (the
     * walk enters {@code CUTTING_OVER} twice: at the fence, then at the barrier).
     */
    public static final List<PairPhase> FIRST_WALK_PHASES = List.of(
            PairPhase.STARTING,
            PairPhase.STEADY,
            PairPhase.WARMING,
            PairPhase.CUTTING_OVER,
            PairPhase.CUTTING_OVER,
            PairPhase.DRAINING,
            PairPhase.STEADY);

    private Walks() {}

    public static Partition p(int n) {
        return new Partition("orders", n);
    }

    public static Set<Partition> ps(int... n) {
        return Arrays.stream(n).mapToObj(Walks::p).collect(Collectors.toSet());
    }

    public static WorkerReport active(SlotName slot, String id, long answered, int... parts) {
        return new WorkerReport(
                id, slot, WorkerReport.Mode.ACTIVE, true, ps(parts), ps(parts), Map.of(), answered, false, 1, 1);
    }

    public static WorkerReport shadow(SlotName slot, String id, long answered, int generation, int... parts) {
        return new WorkerReport(
                id,
                slot,
                WorkerReport.Mode.SHADOW,
                true,
                ps(parts),
                Set.of(),
                Map.of(),
                answered,
                false,
                generation,
                1);
    }

    public static WorkerReport fenced(SlotName slot, String id, long answered, long offsetBase, int... parts) {
        Map<Partition, Long> stops = new HashMap<>();
        for (int n : parts) {
            stops.put(p(n), offsetBase + n);
        }
        return new WorkerReport(
                id, slot, WorkerReport.Mode.DRAINING, false, ps(parts), Set.of(), stops, answered, false, 1, 1);
    }

    public static WorkerReport idle(SlotName slot, String id, long answered) {
        return new WorkerReport(
                id, slot, WorkerReport.Mode.IDLE, false, Set.of(), Set.of(), Map.of(), answered, false, 0, 1);
    }

    public static PairInputs in(WorkerReport... workers) {
        return PairInputs.of(PARTS, List.of(workers));
    }

    public static PairState next(PairState s, PairInputs in, Instant now) {
        return PairTransitions.next(s, in, SETTINGS, now);
    }

    /** Blue active with 2 workers, STEADY at T0 + 1 s. */
    public static PairState steady() {
        PairState s = PairState.starting(PAIR, 2, T0);
        return next(
                s, in(active(SlotName.BLUE, "b1", 1, 0, 1), active(SlotName.BLUE, "b2", 1, 2, 3)), T0.plusSeconds(1));
    }

    /** Steady blue(2), resized to {@code m}: WARMING at T0 + 2 s. */
    public static PairState warming(int m) {
        return next(steady(), in().withRequest(new OperatorRequest.Resize(m)), T0.plusSeconds(2));
    }

    /** Green's 4 workers ready: CUTTING_OVER (fence sent) at T0 + 3 s. */
    public static PairState fencing() {
        PairState w = warming(4);
        return next(
                w,
                in(
                        shadow(SlotName.GREEN, "g1", w.commandId(), 5, 0),
                        shadow(SlotName.GREEN, "g2", w.commandId(), 5, 1),
                        shadow(SlotName.GREEN, "g3", w.commandId(), 5, 2),
                        shadow(SlotName.GREEN, "g4", w.commandId(), 5, 3)),
                T0.plusSeconds(3));
    }

    /** Both blue workers answered the fence: barrier published at T0 + 4 s (offsets 100 + n). */
    public static PairState barrier() {
        PairState f = fencing();
        return next(
                f,
                in(
                        fenced(SlotName.BLUE, "b1", f.commandId(), 100, 0, 1),
                        fenced(SlotName.BLUE, "b2", f.commandId(), 100, 2, 3)),
                T0.plusSeconds(4));
    }

    /** Green active on every partition: DRAINING at T0 + 5 s. */
    public static PairState draining() {
        PairState b = barrier();
        return next(
                b,
                in(
                        active(SlotName.GREEN, "g1", b.commandId(), 0, 1),
                        active(SlotName.GREEN, "g2", b.commandId(), 2, 3)),
                T0.plusSeconds(5));
    }

    /** Rollback from warming: ROLLING_BACK at T0 + 3 s. */
    public static PairState rollingBack() {
        return next(warming(4), in().withRequest(new OperatorRequest.Rollback()), T0.plusSeconds(3));
    }
}
