package io.shadowscale.scaler.model;

import io.shadowscale.common.Partition;
import io.shadowscale.control.SlotName;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pair controller's decisions: a pure function from (state, inputs, settings, now) to the next
 * state, or the same instance when nothing can move. Nothing here sends, reads or sleeps; the
 * controller persists the result and then sends {@link PhaseCommand#of the phase's command} and
 * publishes {@link PairState#targetOf the slot targets}.
 *
 * <p>A walk ends WARMING in one of two {@link CutoverStep cutover steps}: {@link CutoverStep#HANDOFF}
 * (the planned handoff: the plan is fixed here, from the log ends and the old slot's positions,
 * {@link HandoffPlan}) when the walk was planned and every live worker of both slots speaks
 * version 2 of the control protocol; otherwise {@link CutoverStep#FENCING} (the fence/barrier
 * walk). A planned handoff whose old owner never releases a partition falls back to a barrier with
 * the group's committed offset for it, as a timed-out fence does. {@code docs/design/handoff.md}
 * tells the protocol.
 */
public final class PairTransitions {
    /** Appears in the reason of a barrier step that gave some partitions their committed offsets. */
    public static final String AT_LEAST_ONCE = "at-least-once";

    private PairTransitions() {}

    /** Why an operator's request cannot be taken in this state, or empty if it can. */
    public static Optional<String> refusal(PairState s, OperatorRequest request) {
        if (request instanceof OperatorRequest.Resize resize) {
            if (s.phase() != PairPhase.STEADY) {
                return Optional.of("pair " + s.pair() + " is " + s.phase() + "; a resize is accepted only when STEADY");
            }
            if (resize.replicas() == s.activeReplicas()) {
                return Optional.of("pair " + s.pair() + " already has " + s.activeReplicas() + " worker(s)");
            }
            return Optional.empty();
        }
        if (s.phase() == PairPhase.WARMING) {
            return Optional.empty();
        }
        if (s.phase() == PairPhase.CUTTING_OVER) {
            if (s.step() == CutoverStep.HANDOFF) {
                return Optional.of("pair " + s.pair() + " has published its handoff plan; the walk can only finish");
            }
            return s.step().published()
                    ? Optional.of("pair " + s.pair() + " has published its barrier; the walk can only finish")
                    : Optional.empty();
        }
        return Optional.of("pair " + s.pair() + " is " + s.phase() + "; there is no walk to roll back");
    }

    /** The next state (the same instance when nothing moves). */
    public static PairState next(PairState s, PairInputs in, PolicySettings settings, Instant now) {
        return switch (s.phase()) {
            case STARTING -> starting(s, in, now);
            case STEADY -> steady(s, in, now);
            case WARMING -> warming(s, in, settings, now);
            case CUTTING_OVER -> cuttingOver(s, in, settings, now);
            case DRAINING -> draining(s, in, settings, now);
            case ROLLING_BACK -> rollingBack(s, in, settings, now);
        };
    }

    private static PairState starting(PairState s, PairInputs in, Instant now) {
        long active = in.workersOf(s.active()).stream()
                .filter(w -> w.hasAnswered(s.commandId()) && w.mode() == WorkerReport.Mode.ACTIVE)
                .count();
        if (active >= s.activeReplicas()) {
            return s.transitionTo(
                    PairPhase.STEADY,
                    now,
                    active + " worker(s) of " + s.active().label() + " active");
        }
        return s;
    }

    private static PairState steady(PairState s, PairInputs in, Instant now) {
        Optional<OperatorRequest> request = in.request();
        if (request.isPresent()
                && request.get() instanceof OperatorRequest.Resize resize
                && refusal(s, resize).isEmpty()) {
            return startWalk(s, in, resize.replicas(), "operator asked for " + resize.replicas(), now);
        }
        if (!s.paused() && in.decision().isPresent()) {
            ScaleDecision d = in.decision().get();
            if (d.resize() && d.replicas() >= 1 && d.replicas() != s.activeReplicas()) {
                return startWalk(s, in, d.replicas(), d.reason(), now);
            }
        }
        return s;
    }

    /** Planned when the controller allows it and every live worker of the active slot speaks version 2. */
    private static PairState startWalk(PairState s, PairInputs in, int replicas, String why, Instant now) {
        boolean planned = in.planAllowed() && speaksHandoff(in.workersOf(s.active()));
        return s.toBuilder()
                .targetReplicas(replicas)
                .walkStartedAt(now)
                .barrier(Map.of())
                .plan(Map.of())
                .fallbackPartitions(Set.of())
                .fallbackRecords(0)
                .reactivateOld(false)
                .planned(planned)
                .build()
                .transitionTo(
                        PairPhase.WARMING,
                        now,
                        "resize " + s.activeReplicas() + " -> " + replicas + ": " + why
                                + (planned
                                        ? ""
                                        : in.planAllowed()
                                                ? " (fence/barrier walk: a worker of "
                                                        + s.active().label() + " speaks protocol version 1)"
                                                : ""));
    }

    private static boolean speaksHandoff(List<WorkerReport> workers) {
        return !workers.isEmpty() && workers.stream().allMatch(w -> w.protocolVersion() >= 2);
    }

    private static String pods(PairInputs in) {
        return in.podsReady().isEmpty()
                ? ""
                : ", Deployment reports " + in.podsReady().getAsInt() + " pod(s) ready";
    }

    private static PairState warming(PairState s, PairInputs in, PolicySettings settings, Instant now) {
        if (in.request().filter(r -> r instanceof OperatorRequest.Rollback).isPresent()) {
            return rollBack(s, false, "operator rolled back the warm-up", now);
        }
        List<WorkerReport> ready = in.workersOf(s.other()).stream()
                .filter(w -> w.hasAnswered(s.commandId()) && w.ready() && w.mode() == WorkerReport.Mode.SHADOW)
                .toList();
        Set<Partition> covered = new HashSet<>();
        // Stable: every ready worker says its group is stable, and no partition is claimed by two of
        // them (a claim by two means an assignment is still moving). Generations are per member
        // (KIP-848 member epochs differ between members), so they are not compared.
        boolean stable = true;
        for (WorkerReport w : ready) {
            for (Partition p : w.assigned()) {
                stable &= covered.add(p);
            }
        }
        // Kubernetes' view, when there is one: the Deployment must report the pods ready too (their
        // readiness probe passed, so a pod that Kubernetes is about to restart does not take over).
        boolean podsReady = in.podsReady().isEmpty() || in.podsReady().getAsInt() >= s.targetReplicas();
        if (ready.size() >= s.targetReplicas()
                && !in.partitions().isEmpty()
                && covered.containsAll(in.partitions())
                && stable
                && podsReady) {
            String why = ready.size() + " worker(s) of " + s.other().label() + " ready, assignment covers "
                    + in.partitions().size() + " partition(s)" + pods(in);
            Map<Partition, Long> plan = s.planned() && speaksHandoff(in.workersOf(s.active())) && speaksHandoff(ready)
                    ? HandoffPlan.of(in.partitions(), in.logEnds(), in.progress())
                    : Map.of();
            if (!plan.isEmpty()) {
                return s.toBuilder()
                        .plan(plan)
                        .build()
                        .transitionTo(
                                PairPhase.CUTTING_OVER,
                                CutoverStep.HANDOFF,
                                now,
                                why + "; handoff planned at " + describe(plan));
            }
            return s.transitionTo(PairPhase.CUTTING_OVER, CutoverStep.FENCING, now, why);
        }
        if (expired(s, settings.warmupTimeout(), now)) {
            return rollBack(
                    s,
                    false,
                    "warm-up did not finish within " + settings.warmupTimeout() + ": "
                            + ready.size() + " of " + s.targetReplicas() + " worker(s) ready, "
                            + covered.stream().filter(in.partitions()::contains).count() + " of "
                            + in.partitions().size() + " partition(s) covered" + pods(in),
                    now);
        }
        return s;
    }

    private static PairState cuttingOver(PairState s, PairInputs in, PolicySettings settings, Instant now) {
        if (s.step().published()) {
            Set<Partition> active = new HashSet<>();
            in.workersOf(s.other()).stream()
                    .filter(w -> w.hasAnswered(s.commandId()))
                    .forEach(w -> active.addAll(w.active()));
            Set<Partition> expected = s.step() == CutoverStep.HANDOFF
                    ? s.plan().keySet()
                    : s.barrier().keySet();
            if (active.containsAll(expected)) {
                SlotName next = s.other();
                return s.toBuilder()
                        .active(next)
                        .activeReplicas(s.targetReplicas())
                        .reactivateOld(false)
                        .build()
                        .transitionTo(
                                PairPhase.DRAINING,
                                now,
                                next.label() + " active on all " + expected.size() + " partition(s)"
                                        + (s.step() == CutoverStep.HANDOFF ? " (planned handoff)" : ""));
            }
            return s.step() == CutoverStep.HANDOFF ? handoffFallback(s, in, settings, active, now) : s;
        }
        if (in.request().filter(r -> r instanceof OperatorRequest.Rollback).isPresent()) {
            return rollBack(s, true, "operator rolled back before the barrier", now);
        }
        if (in.partitions().isEmpty()) {
            return s;
        }
        Map<Partition, Long> stops = stopOffsets(s, in);
        Set<Partition> missing = new TreeSet<>(in.partitions());
        missing.removeAll(stops.keySet());
        if (missing.isEmpty()) {
            return exactBarrier(s, stops, "barrier published: " + stops.size() + " stop offset(s) from the fence", now);
        }
        if (expired(s, settings.fenceTimeout(), now)
                && in.fallbackOffsets().keySet().containsAll(missing)) {
            return fallbackBarrier(s, in, stops, missing, stops.size() + " stop offset(s) from the fence", now);
        }
        return s;
    }

    /**
     * A planned handoff past fenceTimeout with partitions not started. Those whose old owner
     * reported them released (its status keeps the released offsets) but whose new owner never
     * acted on the release (a {@code Release} record lost, e.g. in a broker outage) get a barrier at
     * their released offsets: exact, as the release would have been. Those neither released nor
     * started wait until their owners left the old group; then the barrier gives them the old
     * group's committed offsets (at-least-once for those).
     */
    private static PairState handoffFallback(
            PairState s, PairInputs in, PolicySettings settings, Set<Partition> active, Instant now) {
        if (!expired(s, settings.fenceTimeout(), now)) {
            return s;
        }
        Map<Partition, Long> released = stopOffsets(s, in);
        Set<Partition> missing = new TreeSet<>(s.plan().keySet());
        missing.removeAll(released.keySet());
        missing.removeAll(active);
        if (missing.isEmpty()) {
            Set<Partition> unstarted = new TreeSet<>(released.keySet());
            unstarted.removeAll(active);
            return exactBarrier(
                    s,
                    released,
                    "barrier published: " + released.size() + " partition(s) released, " + unstarted.size()
                            + " not reported started by the new slot within " + settings.fenceTimeout() + " "
                            + unstarted,
                    now);
        }
        if (!in.fallbackOffsets().keySet().containsAll(missing)) {
            return s;
        }
        return fallbackBarrier(s, in, released, missing, released.size() + " partition(s) released", now);
    }

    /** A barrier whose every offset is a reported stop or release: exactly once, no fallback partition. */
    private static PairState exactBarrier(PairState s, Map<Partition, Long> offsets, String reason, Instant now) {
        return s.toBuilder()
                .barrier(offsets)
                .fallbackPartitions(Set.of())
                .fallbackRecords(0)
                .build()
                .step(CutoverStep.BARRIER, now, reason);
    }

    private static PairState fallbackBarrier(
            PairState s, PairInputs in, Map<Partition, Long> stops, Set<Partition> missing, String known, Instant now) {
        Map<Partition, Long> barrier = new HashMap<>(stops);
        long cost = 0;
        for (Partition p : missing) {
            long committed = in.fallbackOffsets().get(p);
            barrier.put(p, committed);
            Long position = in.lastPositions().get(p);
            if (position != null && position > committed) {
                cost += position - committed;
            }
        }
        return s.toBuilder()
                .barrier(barrier)
                .fallbackPartitions(missing)
                .fallbackRecords(cost)
                .build()
                .step(
                        CutoverStep.BARRIER,
                        now,
                        "barrier published: " + known + ", " + missing.size()
                                + " from committed offsets after the owner left (" + AT_LEAST_ONCE + ": " + cost
                                + " record(s) known to be re-processed) " + missing);
    }

    /** The stop offsets (fence) or released offsets (planned handoff) the old slot's workers reported for this step. */
    private static Map<Partition, Long> stopOffsets(PairState s, PairInputs in) {
        Map<Partition, Long> stops = new HashMap<>();
        in.workersOf(s.active()).stream()
                .filter(w -> w.hasAnswered(s.commandId()))
                .forEach(w -> stops.putAll(w.stopOffsets()));
        stops.keySet().retainAll(s.step() == CutoverStep.HANDOFF ? s.plan().keySet() : in.partitions());
        return stops;
    }

    /** A plan for a reason line: a few partitions, then how many more. */
    private static String describe(Map<Partition, Long> plan) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (Map.Entry<Partition, Long> e : new TreeMap<>(plan).entrySet()) {
            if (shown++ == 4) {
                return b.append(", ... (")
                        .append(plan.size())
                        .append(" partitions)")
                        .toString();
            }
            b.append(shown > 1 ? ", " : "").append(e.getKey()).append('@').append(e.getValue());
        }
        return b.toString();
    }

    private static PairState draining(PairState s, PairInputs in, PolicySettings settings, Instant now) {
        List<WorkerReport> old = in.workersOf(s.other());
        boolean done = old.stream()
                .allMatch(w -> w.hasAnswered(s.commandId()) || w.mode() == WorkerReport.Mode.IDLE || w.leaving());
        if (done || expired(s, settings.fenceTimeout(), now)) {
            String how = done ? s.other().label() + " drained" : "drain not answered within " + settings.fenceTimeout();
            long took = s.walkStartedAt() == null
                    ? 0
                    : Duration.between(s.walkStartedAt(), now).toMillis();
            return s.toBuilder()
                    .targetReplicas(s.activeReplicas())
                    .barrier(Map.of())
                    .plan(Map.of())
                    .planned(false)
                    .reactivateOld(false)
                    .build()
                    .transitionTo(
                            PairPhase.STEADY, now, how + "; walk to " + s.activeReplicas() + " took " + took + " ms");
        }
        return s;
    }

    private static PairState rollingBack(PairState s, PairInputs in, PolicySettings settings, Instant now) {
        boolean aborted = in.workersOf(s.other()).stream()
                .allMatch(w -> w.hasAnswered(s.commandId()) || w.mode() == WorkerReport.Mode.IDLE || w.leaving());
        long reactivated = in.workersOf(s.active()).stream()
                .filter(w -> w.hasAnswered(s.commandId()) && w.mode() == WorkerReport.Mode.ACTIVE)
                .count();
        boolean back = !s.reactivateOld() || reactivated >= s.activeReplicas();
        if ((aborted && back) || expired(s, settings.warmupTimeout(), now)) {
            String how =
                    aborted && back ? "rolled back" : "rollback not fully answered within " + settings.warmupTimeout();
            return s.toBuilder()
                    .targetReplicas(s.activeReplicas())
                    .barrier(Map.of())
                    .plan(Map.of())
                    .planned(false)
                    .fallbackPartitions(Set.of())
                    .fallbackRecords(0)
                    .reactivateOld(false)
                    .build()
                    .transitionTo(
                            PairPhase.STEADY,
                            now,
                            how + "; " + s.active().label() + " stays active with " + s.activeReplicas());
        }
        return s;
    }

    private static PairState rollBack(PairState s, boolean reactivate, String why, Instant now) {
        return s.toBuilder()
                .barrier(Map.of())
                .plan(Map.of())
                .fallbackPartitions(Set.of())
                .fallbackRecords(0)
                .reactivateOld(reactivate)
                .build()
                .transitionTo(PairPhase.ROLLING_BACK, now, why);
    }

    private static boolean expired(PairState s, Duration timeout, Instant now) {
        return !now.isBefore(s.since().plus(timeout));
    }
}
