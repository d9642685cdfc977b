package io.shadowscale.scaler.model;

import java.time.Instant;

/**
 * What a policy remembers between two decisions of one pair (persisted with the pair state).
 *
 * @param learnedCapacity records/s one worker was seen to sustain (0 before any evidence)
 * @param pendingReplicas a size the policy has wanted since {@code pendingSince} (0: none)
 * @param pendingSince when it started wanting {@code pendingReplicas} (null: none)
 * @param lastResizeAt when the last resize was decided (null: never)
 */
public record PolicyMemory(double learnedCapacity, int pendingReplicas, Instant pendingSince, Instant lastResizeAt) {
    public static final PolicyMemory INITIAL = new PolicyMemory(0, 0, null, null);
}
