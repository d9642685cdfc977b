package io.shadowscale.scaler.model;

import io.shadowscale.common.Partition;
import io.shadowscale.control.SlotName;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything a transition looks at besides the state, the settings and the time.
 *
 * @param partitions every partition of the pair's topics (empty: not known yet, nothing that needs them moves)
 * @param workers the live workers of both slots
 * @param decision the policy's decision (only asked while STEADY and not paused)
 * @param request an operator's request
 * @param fallbackOffsets committed offsets of the active group for partitions whose owner has left
 *     the group (looked up only in CUTTING_OVER after fenceTimeout)
 * @param lastPositions the last position an old-slot worker reported per partition (to count re-processing)
 * @param podsReady ready and up-to-date pods of the waking slot's Deployment, as Kubernetes reports them
 *     (looked up only in WARMING; empty when Kubernetes is not used or the slot names no Deployment:
 *     then the workers' own reports decide alone)
 * @param logEnds the log-end offset per partition (read only in WARMING of a planned walk: the plan's bound)
 * @param progress where the active slot's workers last said each partition is, and how fast it
 *     moves (read only in WARMING of a planned walk)
 * @param planAllowed the controller may hand over with a planned handoff (its setting); the walk
 *     still fences where a worker of either slot speaks only version 1 of the control protocol
 */
public record PairInputs(
        Set<Partition> partitions,
        List<WorkerReport> workers,
        Optional<ScaleDecision> decision,
        Optional<OperatorRequest> request,
        Map<Partition, Long> fallbackOffsets,
        Map<Partition, Long> lastPositions,
        OptionalInt podsReady,
        Map<Partition, Long> logEnds,
        Map<Partition, Progress> progress,
        boolean planAllowed) {
    /**
     * A partition's last reported position.
     *
     * @param position the next offset to process, as last reported
     * @param ageMillis how long ago it was reported
     * @param perSecond how fast the position moved between the last two reports (0 when not known)
     */
    public record Progress(long position, long ageMillis, double perSecond) {}

    public PairInputs {
        partitions = Set.copyOf(partitions);
        workers = List.copyOf(workers);
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(request, "request");
        fallbackOffsets = Map.copyOf(fallbackOffsets);
        lastPositions = Map.copyOf(lastPositions);
        Objects.requireNonNull(podsReady, "podsReady");
        logEnds = Map.copyOf(logEnds);
        progress = Map.copyOf(progress);
    }

    /** Inputs with partitions and workers only. */
    public static PairInputs of(Set<Partition> partitions, List<WorkerReport> workers) {
        return new PairInputs(
                partitions,
                workers,
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                Map.of(),
                OptionalInt.empty(),
                Map.of(),
                Map.of(),
                false);
    }

    public List<WorkerReport> workersOf(SlotName slot) {
        return workers.stream().filter(w -> w.slot() == slot).toList();
    }

    public PairInputs withDecision(ScaleDecision value) {
        return with(c -> c.decision = Optional.of(value));
    }

    public PairInputs withRequest(OperatorRequest value) {
        return with(c -> c.request = Optional.of(value));
    }

    public PairInputs withPodsReady(OptionalInt value) {
        return with(c -> c.podsReady = value);
    }

    public PairInputs withFallback(Map<Partition, Long> committed, Map<Partition, Long> positions) {
        return with(c -> {
            c.fallbackOffsets = committed;
            c.lastPositions = positions;
        });
    }

    public PairInputs withHandoffInputs(Map<Partition, Long> ends, Map<Partition, Progress> moving) {
        return with(c -> {
            c.logEnds = ends;
            c.progress = moving;
        });
    }

    public PairInputs withPlanAllowed(boolean value) {
        return with(c -> c.planAllowed = value);
    }

    /** These inputs with the parts {@code change} sets (the one constructor call of the {@code with} methods). */
    private PairInputs with(Consumer<Change> change) {
        Change c = new Change();
        change.accept(c);
        return new PairInputs(
                partitions,
                workers,
                c.decision,
                c.request,
                c.fallbackOffsets,
                c.lastPositions,
                c.podsReady,
                c.logEnds,
                c.progress,
                c.planAllowed);
    }

    /** The changeable parts of these inputs, starting as they are. */
    private final class Change {
        private Optional<ScaleDecision> decision = PairInputs.this.decision;
        private Optional<OperatorRequest> request = PairInputs.this.request;
        private Map<Partition, Long> fallbackOffsets = PairInputs.this.fallbackOffsets;
        private Map<Partition, Long> lastPositions = PairInputs.this.lastPositions;
        private OptionalInt podsReady = PairInputs.this.podsReady;
        private Map<Partition, Long> logEnds = PairInputs.this.logEnds;
        private Map<Partition, Progress> progress = PairInputs.this.progress;
        private boolean planAllowed = PairInputs.this.planAllowed;
    }
}
