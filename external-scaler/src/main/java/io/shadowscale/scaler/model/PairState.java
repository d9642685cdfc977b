package io.shadowscale.scaler.model;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.immutables.value.Value;

/**
 * The controller's whole knowledge of one pair, immutable, persisted as one record of the state
 * topic after every change. A restarted controller continues from it ({@link #resumed}). Built by
 * name: {@link #toBuilder()}.
 *
 * @param pair the pair
 * @param phase where the pair is
 * @param epoch raised at every phase change, step and resume; every command carries it
 * @param commandId id of the command of the current step; raised with the epoch, never goes down
 * @param active the slot that processes (in STARTING: the one being activated; from DRAINING on: the new one)
 * @param activeReplicas workers of the active slot
 * @param targetReplicas workers the walk goes to (equal to activeReplicas when steady)
 * @param since when the current phase began (timeouts count from here)
 * @param walkStartedAt when the current or last walk began (null: never)
 * @param step the sub-step of CUTTING_OVER ({@link CutoverStep#NONE} in every other phase)
 * @param planned the walk hands over with a planned handoff (decided when it starts warming: the
 *     Warm tells the new slot not to read ahead)
 * @param plan the planned handoff's offset per partition (empty until published)
 * @param barrier the published barrier (empty until then; in a planned handoff's fallback, the
 *     released offsets and the committed offsets of the partitions nobody released)
 * @param fallbackPartitions partitions whose stop offset came from committed offsets (at-least-once)
 * @param fallbackRecords records re-processed because of that fallback, where the distance was known
 * @param reactivateOld in ROLLING_BACK: the old slot was fenced and must be sent Activate again
 * @param paused automatic decisions are paused by an operator
 * @param memory the policy's memory
 * @param reason why the pair is where it is
 * @param history the last {@link #HISTORY_LIMIT} transitions, oldest first
 */
@Value.Builder
@Value.Style(validationMethod = Value.Style.ValidationMethod.NONE, jdkOnly = true)
public record PairState(
        PairKey pair,
        PairPhase phase,
        long epoch,
        long commandId,
        SlotName active,
        int activeReplicas,
        int targetReplicas,
        Instant since,
        Instant walkStartedAt,
        CutoverStep step,
        boolean planned,
        Map<Partition, Long> plan,
        Map<Partition, Long> barrier,
        Set<Partition> fallbackPartitions,
        long fallbackRecords,
        boolean reactivateOld,
        boolean paused,
        PolicyMemory memory,
        String reason,
        List<Transition> history) {
    /** Transitions kept per pair. */
    public static final int HISTORY_LIMIT = 32;

    public PairState {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(reason, "reason");
        plan = Map.copyOf(plan);
        barrier = Map.copyOf(barrier);
        fallbackPartitions = Set.copyOf(fallbackPartitions);
        history = List.copyOf(
                history.size() > HISTORY_LIMIT
                        ? history.subList(history.size() - HISTORY_LIMIT, history.size())
                        : history);
        if (epoch < 1 || commandId < 1) {
            throw new IllegalArgumentException("epoch and commandId must be >= 1, were " + epoch + " and " + commandId);
        }
        if (activeReplicas < 0 || targetReplicas < 0) {
            throw new IllegalArgumentException(
                    "replicas must be >= 0, were " + activeReplicas + " and " + targetReplicas);
        }
    }

    /** A pair seen for the first time: STARTING, blue gets {@code replicas} workers and Activate. */
    public static PairState starting(PairKey pair, int replicas, Instant now) {
        return builder(pair, now)
                .activeReplicas(replicas)
                .targetReplicas(replicas)
                .reason("first start: activating " + replicas + " worker(s) of blue")
                .history(List.of(new Transition(now, 1, PairPhase.STARTING, PairPhase.STARTING, "pair registered")))
                .build();
    }

    /** A builder with the defaults of a new pair (STARTING, epoch 1, blue, nothing else). */
    public static Builder builder(PairKey pair, Instant since) {
        return new Builder().pair(pair).since(since);
    }

    /** A builder holding every value of this state. */
    public Builder toBuilder() {
        return new Builder().from(this);
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
            case STARTING, STEADY, DRAINING, ROLLING_BACK ->
                isActive
                        ? SlotTarget.run(activeReplicas, phase.name().toLowerCase() + ": active with " + activeReplicas)
                        : new SlotTarget(0, false, phase.name().toLowerCase() + ": idle");
            case WARMING, CUTTING_OVER ->
                isActive
                        ? SlotTarget.run(activeReplicas, phase.name().toLowerCase() + ": active with " + activeReplicas)
                        : SlotTarget.run(targetReplicas, phase.name().toLowerCase() + ": waking " + targetReplicas);
        };
    }

    /**
     * Moves to another phase, raising epoch and command id and recording the move; fails if the
     * table of {@link PairPhase#allowedNext()} does not allow it. Entering CUTTING_OVER starts at
     * {@code step} (FENCING or HANDOFF); every other phase has step NONE.
     */
    public PairState transitionTo(PairPhase next, Instant now, String why) {
        return transitionTo(next, next == PairPhase.CUTTING_OVER ? CutoverStep.FENCING : CutoverStep.NONE, now, why);
    }

    /** {@link #transitionTo(PairPhase, Instant, String)} into a named CUTTING_OVER step. */
    public PairState transitionTo(PairPhase next, CutoverStep nextStep, Instant now, String why) {
        if (!phase.canMoveTo(next)) {
            throw new IllegalStateException("pair " + pair + " cannot move from " + phase + " to " + next
                    + "; allowed from " + phase + ": " + phase.allowedNext());
        }
        return toBuilder()
                .phase(next)
                .step(nextStep)
                .epoch(epoch + 1)
                .commandId(commandId + 1)
                .since(now)
                .reason(why)
                .history(append(new Transition(now, epoch + 1, phase, next, why)))
                .build();
    }

    /** A step inside CUTTING_OVER that needs a new command: epoch and command id go up, the phase's clock runs on. */
    PairState step(CutoverStep nextStep, Instant now, String why) {
        return toBuilder()
                .step(nextStep)
                .epoch(epoch + 1)
                .commandId(commandId + 1)
                .reason(why)
                .history(append(new Transition(now, epoch + 1, phase, phase, why)))
                .build();
    }

    /**
     * The state a controller continues from after reading it back (restart or takeover): same
     * phase, step and deadlines, epoch and command id raised so every worker takes the new leader's
     * commands and ignores a deposed one's. A step this version does not know fences again.
     */
    public PairState resumed(Instant now) {
        CutoverStep resumedStep = step == CutoverStep.UNKNOWN ? CutoverStep.FENCING : step;
        return step(resumedStep, now, "resumed by a new controller in " + phase);
    }

    /** Pauses or resumes automatic decisions (recorded, epoch unchanged). */
    public PairState withPaused(boolean value, Instant now) {
        String why = value ? "automatic decisions paused" : "automatic decisions resumed";
        return toBuilder()
                .paused(value)
                .reason(why)
                .history(append(new Transition(now, epoch, phase, phase, why)))
                .build();
    }

    public PairState withMemory(PolicyMemory value) {
        return toBuilder().memory(value).build();
    }

    private List<Transition> append(Transition t) {
        List<Transition> all = new ArrayList<>(history);
        all.add(t);
        return all;
    }

    /**
     * Builds a {@link PairState} by name; the setters are generated ({@code PairStateBuilder}). The
     * builder checks nothing itself: {@link #build()} runs the record's checks, with their messages.
     */
    public static final class Builder extends PairStateBuilder {
        Builder() {
            phase(PairPhase.STARTING)
                    .epoch(1)
                    .commandId(1)
                    .active(SlotName.BLUE)
                    .step(CutoverStep.NONE)
                    .memory(PolicyMemory.INITIAL)
                    .reason("");
        }
    }
}
