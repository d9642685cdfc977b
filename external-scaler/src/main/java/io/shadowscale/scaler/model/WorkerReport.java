package io.shadowscale.scaler.model;

import io.shadowscale.common.Partition;
import io.shadowscale.control.SlotName;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The latest status of one live worker, as the controller's worker book folded it from the
 * control topic.
 *
 * @param workerId the worker's id
 * @param slot the slot it belongs to
 * @param mode its mode
 * @param ready SHADOW with a stable assignment, or ACTIVE
 * @param assigned partitions assigned to it in its slot's group
 * @param active partitions it processes (ACTIVE past the barrier, or after Activate)
 * @param stopOffsets after a fence: where each of its partitions stopped (committed)
 * @param answered the highest command id it has answered (command ids never go down)
 * @param leaving it is shutting down and leaving its group
 * @param generation the generation of its assignment
 * @param protocolVersion the highest control protocol version it speaks (1 for a worker that does not say)
 */
public record WorkerReport(
        String workerId,
        SlotName slot,
        Mode mode,
        boolean ready,
        Set<Partition> assigned,
        Set<Partition> active,
        Map<Partition, Long> stopOffsets,
        long answered,
        boolean leaving,
        int generation,
        int protocolVersion) {
    /** The worker modes of the control protocol, as the model sees them. */
    public enum Mode {
        IDLE,
        SHADOW,
        ACTIVE,
        DRAINING,
        UNKNOWN
    }

    public WorkerReport {
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(mode, "mode");
        assigned = Set.copyOf(assigned);
        active = Set.copyOf(active);
        stopOffsets = Map.copyOf(stopOffsets);
        protocolVersion = Math.max(1, protocolVersion);
    }

    /** Whether it answered the command {@code commandId} (or a later one). */
    public boolean hasAnswered(long commandId) {
        return answered >= commandId;
    }
}
