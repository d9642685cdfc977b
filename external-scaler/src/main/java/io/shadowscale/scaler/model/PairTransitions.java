package io.shadowscale.scaler.model;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.shadowscale.control.SlotName;

/**
 * The pair controller's decisions: a pure function from (state, inputs, settings, now) to the next
 * state, or the same instance when nothing can move. Nothing here sends, reads or sleeps; the
 * controller persists the result and then sends {@link PhaseCommand#of the phase's command} and
 * publishes {@link PairState#targetOf the slot targets}.
 *
 * <pre>
 *  controller            active slot (N)              idle slot (-> M)
 *   | STEADY: policy says M                               |
 *   |-- WARMING: target M, Warm(M, active group) -------->| join own group, position
 *   |<------------------------------------ ready x M ----| (stable, covers all partitions)
 *   |-- CUTTING_OVER: Fence -->|                          |
 *   |<-- stop offsets ---------| (committed, DRAINING)    |
 *   |-- Barrier(stop offsets) ---------------------------->| start each partition there
 *   |<--------------------------- active on all partitions|
 *   |-- DRAINING: target 0, Drain -->| leave, IDLE        |
 *   |<-- answered ------------------|                     |
 *   | STEADY: the new slot is the active one               |
 * </pre>
 */
public final class PairTransitions {
    private PairTransitions() {
    }

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
            return s.barrier().isEmpty() ? Optional.empty()
                    : Optional.of("pair " + s.pair() + " has published its barrier; the walk can only finish");
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
                .filter(w -> w.hasAnswered(s.commandId()) && w.mode() == WorkerReport.Mode.ACTIVE).count();
        if (active >= s.activeReplicas()) {
            return s.transitionTo(PairPhase.STEADY, now, active + " worker(s) of " + s.active().label() + " active");
        }
        return s;
    }

    private static PairState steady(PairState s, PairInputs in, Instant now) {
        Optional<OperatorRequest> request = in.request();
        if (request.isPresent() && request.get() instanceof OperatorRequest.Resize resize
                && refusal(s, resize).isEmpty()) {
            return startWalk(s, resize.replicas(), "operator asked for " + resize.replicas(), now);
        }
        if (!s.paused() && in.decision().isPresent()) {
            ScaleDecision d = in.decision().get();
            if (d.resize() && d.replicas() >= 1 && d.replicas() != s.activeReplicas()) {
                return startWalk(s, d.replicas(), d.reason(), now);
            }
        }
        return s;
    }

    private static PairState startWalk(PairState s, int replicas, String why, Instant now) {
        return s.with(s.active(), s.activeReplicas(), replicas, now, Map.of(), Set.of(), 0, false)
                .transitionTo(PairPhase.WARMING, now, "resize " + s.activeReplicas() + " -> " + replicas + ": " + why);
    }

    private static String pods(PairInputs in) {
        return in.podsReady().isEmpty() ? "" : ", Deployment reports " + in.podsReady().getAsInt() + " pod(s) ready";
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
        if (ready.size() >= s.targetReplicas() && !in.partitions().isEmpty()
                && covered.containsAll(in.partitions()) && stable && podsReady) {
            return s.transitionTo(PairPhase.CUTTING_OVER, now, ready.size() + " worker(s) of " + s.other().label()
                    + " ready, assignment covers " + in.partitions().size() + " partition(s)" + pods(in));
        }
        if (expired(s, settings.warmupTimeout(), now)) {
            return rollBack(s, false, "warm-up did not finish within " + settings.warmupTimeout() + ": "
                    + ready.size() + " of " + s.targetReplicas() + " worker(s) ready, "
                    + covered.stream().filter(in.partitions()::contains).count() + " of "
                    + in.partitions().size() + " partition(s) covered" + pods(in), now);
        }
        return s;
    }

    private static PairState cuttingOver(PairState s, PairInputs in, PolicySettings settings, Instant now) {
        if (!s.barrier().isEmpty()) {
            Set<Partition> active = new HashSet<>();
            in.workersOf(s.other()).stream().filter(w -> w.hasAnswered(s.commandId()))
                    .forEach(w -> active.addAll(w.active()));
            if (active.containsAll(s.barrier().keySet())) {
                SlotName next = s.other();
                return s.with(next, s.targetReplicas(), s.targetReplicas(), s.walkStartedAt(), s.barrier(),
                                s.fallbackPartitions(), s.fallbackRecords(), false)
                        .transitionTo(PairPhase.DRAINING, now, next.label() + " active on all "
                                + s.barrier().size() + " partition(s)");
            }
            return s;
        }
        if (in.request().filter(r -> r instanceof OperatorRequest.Rollback).isPresent()) {
            return rollBack(s, true, "operator rolled back before the barrier", now);
        }
        if (in.partitions().isEmpty()) {
            return s;
        }
        Map<Partition, Long> stops = new HashMap<>();
        in.workersOf(s.active()).stream().filter(w -> w.hasAnswered(s.commandId()))
                .forEach(w -> stops.putAll(w.stopOffsets()));
        stops.keySet().retainAll(in.partitions());
        Set<Partition> missing = new TreeSet<>(in.partitions());
        missing.removeAll(stops.keySet());
        if (missing.isEmpty()) {
            return s.with(s.active(), s.activeReplicas(), s.targetReplicas(), s.walkStartedAt(), stops, Set.of(), 0,
                    false).step(now, "barrier published: " + stops.size() + " stop offset(s) from the fence");
        }
        if (expired(s, settings.fenceTimeout(), now) && in.fallbackOffsets().keySet().containsAll(missing)) {
            long cost = 0;
            for (Partition p : missing) {
                long committed = in.fallbackOffsets().get(p);
                stops.put(p, committed);
                Long position = in.lastPositions().get(p);
                if (position != null && position > committed) {
                    cost += position - committed;
                }
            }
            return s.with(s.active(), s.activeReplicas(), s.targetReplicas(), s.walkStartedAt(), stops, missing,
                    cost, false).step(now, "barrier published: " + (stops.size() - missing.size())
                    + " stop offset(s) from the fence, " + missing.size()
                    + " from committed offsets after the owner left (at-least-once: " + cost
                    + " record(s) known to be re-processed) " + missing);
        }
        return s;
    }

    private static PairState draining(PairState s, PairInputs in, PolicySettings settings, Instant now) {
        List<WorkerReport> old = in.workersOf(s.other());
        boolean done = old.stream().allMatch(w -> w.hasAnswered(s.commandId())
                || w.mode() == WorkerReport.Mode.IDLE || w.leaving());
        if (done || expired(s, settings.fenceTimeout(), now)) {
            String how = done ? s.other().label() + " drained" : "drain not answered within " + settings.fenceTimeout();
            long took = s.walkStartedAt() == null ? 0 : Duration.between(s.walkStartedAt(), now).toMillis();
            return s.with(s.active(), s.activeReplicas(), s.activeReplicas(), s.walkStartedAt(), Map.of(),
                    s.fallbackPartitions(), s.fallbackRecords(), false)
                    .transitionTo(PairPhase.STEADY, now, how + "; walk to " + s.activeReplicas() + " took " + took + " ms");
        }
        return s;
    }

    private static PairState rollingBack(PairState s, PairInputs in, PolicySettings settings, Instant now) {
        boolean aborted = in.workersOf(s.other()).stream().allMatch(w -> w.hasAnswered(s.commandId())
                || w.mode() == WorkerReport.Mode.IDLE || w.leaving());
        long reactivated = in.workersOf(s.active()).stream()
                .filter(w -> w.hasAnswered(s.commandId()) && w.mode() == WorkerReport.Mode.ACTIVE).count();
        boolean back = !s.reactivateOld() || reactivated >= s.activeReplicas();
        if ((aborted && back) || expired(s, settings.warmupTimeout(), now)) {
            String how = aborted && back ? "rolled back" : "rollback not fully answered within " + settings.warmupTimeout();
            return s.with(s.active(), s.activeReplicas(), s.activeReplicas(), s.walkStartedAt(), Map.of(), Set.of(), 0,
                    false).transitionTo(PairPhase.STEADY, now, how + "; " + s.active().label() + " stays active with "
                    + s.activeReplicas());
        }
        return s;
    }

    private static PairState rollBack(PairState s, boolean reactivate, String why, Instant now) {
        return s.with(s.active(), s.activeReplicas(), s.targetReplicas(), s.walkStartedAt(), Map.of(), Set.of(), 0,
                reactivate).transitionTo(PairPhase.ROLLING_BACK, now, why);
    }

    private static boolean expired(PairState s, Duration timeout, Instant now) {
        return !now.isBefore(s.since().plus(timeout));
    }
}
