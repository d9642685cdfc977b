package io.shadowscale.scaler.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.shadowscale.control.SlotName;

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
 */
public record PairInputs(Set<Partition> partitions, List<WorkerReport> workers, Optional<ScaleDecision> decision,
                         Optional<OperatorRequest> request, Map<Partition, Long> fallbackOffsets,
                         Map<Partition, Long> lastPositions, OptionalInt podsReady) {
    public PairInputs {
        partitions = Set.copyOf(partitions);
        workers = List.copyOf(workers);
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(request, "request");
        fallbackOffsets = Map.copyOf(fallbackOffsets);
        lastPositions = Map.copyOf(lastPositions);
        Objects.requireNonNull(podsReady, "podsReady");
    }

    /** Inputs with partitions and workers only. */
    public static PairInputs of(Set<Partition> partitions, List<WorkerReport> workers) {
        return new PairInputs(partitions, workers, Optional.empty(), Optional.empty(), Map.of(), Map.of(),
                OptionalInt.empty());
    }

    public List<WorkerReport> workersOf(SlotName slot) {
        return workers.stream().filter(w -> w.slot() == slot).toList();
    }

    public PairInputs withDecision(ScaleDecision value) {
        return new PairInputs(partitions, workers, Optional.of(value), request, fallbackOffsets, lastPositions, podsReady);
    }

    public PairInputs withRequest(OperatorRequest value) {
        return new PairInputs(partitions, workers, decision, Optional.of(value), fallbackOffsets, lastPositions, podsReady);
    }

    public PairInputs withPodsReady(OptionalInt value) {
        return new PairInputs(partitions, workers, decision, request, fallbackOffsets, lastPositions, value);
    }

    public PairInputs withFallback(Map<Partition, Long> committed, Map<Partition, Long> positions) {
        return new PairInputs(partitions, workers, decision, request, committed, positions, podsReady);
    }
}
