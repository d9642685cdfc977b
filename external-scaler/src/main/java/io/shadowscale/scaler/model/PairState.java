package io.shadowscale.scaler.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;

/**
 * The controller's whole knowledge of one pair, immutable, persisted as one record of the state
 * topic after every change. A restarted controller continues from it ({@link #resumed}).
 *
 * @param pair the pair
 * @param phase where the pair is
 * @param epoch raised at every phase change, barrier publication and resume; every command carries it
 * @param commandId id of the command of the current step; raised with the epoch, never goes down
 * @param active the slot that processes (in STARTING: the one being activated; from DRAINING on: the new one)
 * @param activeReplicas workers of the active slot
 * @param targetReplicas workers the walk goes to (equal to activeReplicas when steady)
 * @param since when the current phase began (timeouts count from here)
 * @param walkStartedAt when the current or last walk began (null: never)
 * @param barrier the published barrier (empty until then)
 * @param fallbackPartitions partitions whose stop offset came from committed offsets (at-least-once)
 * @param fallbackRecords records re-processed because of that fallback, where the distance was known
 * @param reactivateOld in ROLLING_BACK: the old slot was fenced and must be sent Activate again
 * @param paused automatic decisions are paused by an operator
 * @param memory the policy's memory
 * @param reason why the pair is where it is
 * @param history the last {@link #HISTORY_LIMIT} transitions, oldest first
 */
public record PairState(PairKey pair, PairPhase phase, long epoch, long commandId, SlotName active,
                        int activeReplicas, int targetReplicas, Instant since, Instant walkStartedAt,
                        Map<Partition, Long> barrier, Set<Partition> fallbackPartitions, long fallbackRecords,
                        boolean reactivateOld, boolean paused, PolicyMemory memory, String reason,
                        List<Transition> history) {
    /** Transitions kept per pair. */
    public static final int HISTORY_LIMIT = 32;

    public PairState {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(reason, "reason");
        barrier = Map.copyOf(barrier);
        fallbackPartitions = Set.copyOf(fallbackPartitions);
        history = List.copyOf(history.size() > HISTORY_LIMIT
                ? history.subList(history.size() - HISTORY_LIMIT, history.size()) : history);
        if (epoch < 1 || commandId < 1) {
            throw new IllegalArgumentException("epoch and commandId must be >= 1, were " + epoch + " and " + commandId);
        }
        if (activeReplicas < 0 || targetReplicas < 0) {
            throw new IllegalArgumentException("replicas must be >= 0, were " + activeReplicas + " and " + targetReplicas);
        }
    }

    /** A pair seen for the first time: STARTING, blue gets {@code replicas} workers and Activate. */
    public static PairState starting(PairKey pair, int replicas, Instant now) {
        return new PairState(pair, PairPhase.STARTING, 1, 1, SlotName.BLUE, replicas, replicas, now, null,
                Map.of(), Set.of(), 0, false, false, PolicyMemory.INITIAL,
                "first start: activating " + replicas + " worker(s) of blue",
                List.of(new Transition(now, 1, PairPhase.STARTING, PairPhase.STARTING, "pair registered")));
    }

    /** The slot that is not {@link #active}: the one warming, or the one draining/aborting. */
    public SlotName other() {
        return active.other();
    }

    /** The barrier as a sorted map (for display and commands). */
    public Map<Partition, Long> sortedBarrier() {
        return new TreeMap<>(barrier);
    }

    /** What KEDA should run for {@code slot} in this state. */
    public SlotTarget targetOf(SlotName slot) {
        boolean isActive = slot == active;
        return switch (phase) {
            case STARTING, STEADY, DRAINING, ROLLING_BACK -> isActive
                    ? SlotTarget.run(activeReplicas, phase.name().toLowerCase() + ": active with " + activeReplicas)
                    : new SlotTarget(0, false, phase.name().toLowerCase() + ": idle");
            case WARMING, CUTTING_OVER -> isActive
                    ? SlotTarget.run(activeReplicas, phase.name().toLowerCase() + ": active with " + activeReplicas)
                    : SlotTarget.run(targetReplicas, phase.name().toLowerCase() + ": waking " + targetReplicas);
        };
    }

    /**
     * Moves to another phase, raising epoch and command id and recording the move; fails if the
     * table of {@link PairPhase#allowedNext()} does not allow it.
     */
    public PairState transitionTo(PairPhase next, Instant now, String why) {
        if (!phase.canMoveTo(next)) {
            throw new IllegalStateException("pair " + pair + " cannot move from " + phase + " to " + next
                    + "; allowed from " + phase + ": " + phase.allowedNext());
        }
        return new PairState(pair, next, epoch + 1, commandId + 1, active, activeReplicas, targetReplicas, now,
                walkStartedAt, barrier, fallbackPartitions, fallbackRecords, reactivateOld, paused, memory, why,
                append(new Transition(now, epoch + 1, phase, next, why)));
    }

    /** A step inside the phase that needs a new command (the barrier): epoch and command id go up. */
    PairState step(Instant now, String why) {
        return new PairState(pair, phase, epoch + 1, commandId + 1, active, activeReplicas, targetReplicas, since,
                walkStartedAt, barrier, fallbackPartitions, fallbackRecords, reactivateOld, paused, memory, why,
                append(new Transition(now, epoch + 1, phase, phase, why)));
    }

    /**
     * The state a controller continues from after reading it back (restart or takeover): same
     * phase and deadlines, epoch and command id raised so every worker takes the new leader's
     * commands and ignores a deposed one's.
     */
    public PairState resumed(Instant now) {
        return step(now, "resumed by a new controller in " + phase);
    }

    /** Pauses or resumes automatic decisions (recorded, epoch unchanged). */
    public PairState withPaused(boolean value, Instant now) {
        String why = value ? "automatic decisions paused" : "automatic decisions resumed";
        return new PairState(pair, phase, epoch, commandId, active, activeReplicas, targetReplicas, since,
                walkStartedAt, barrier, fallbackPartitions, fallbackRecords, reactivateOld, value, memory, why,
                append(new Transition(now, epoch, phase, phase, why)));
    }

    public PairState withMemory(PolicyMemory value) {
        return new PairState(pair, phase, epoch, commandId, active, activeReplicas, targetReplicas, since,
                walkStartedAt, barrier, fallbackPartitions, fallbackRecords, reactivateOld, paused, value, reason,
                history);
    }

    PairState with(SlotName newActive, int newActiveReplicas, int newTarget, Instant walkStart,
                   Map<Partition, Long> newBarrier, Set<Partition> fallback, long fallbackCost, boolean reactivate) {
        return new PairState(pair, phase, epoch, commandId, newActive, newActiveReplicas, newTarget, since,
                walkStart, newBarrier, fallback, fallbackCost, reactivate, paused, memory, reason, history);
    }

    private List<Transition> append(Transition t) {
        List<Transition> all = new ArrayList<>(history);
        all.add(t);
        return all;
    }
}
