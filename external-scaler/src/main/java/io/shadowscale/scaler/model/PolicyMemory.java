package io.shadowscale.scaler.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What a policy remembers between two decisions of one pair (persisted with the pair state).
 *
 * @param learnedCapacity records/s one worker was seen to sustain (0 before any evidence)
 * @param pendingReplicas a size the policy has wanted since {@code pendingSince} (0: none)
 * @param pendingSince when it started wanting {@code pendingReplicas} (null: none)
 * @param lastResizeAt when the last resize was decided (null: never)
 * @param profile the traffic's daily and weekly shape observed so far
 */
public record PolicyMemory(
        double learnedCapacity,
        int pendingReplicas,
        Instant pendingSince,
        Instant lastResizeAt,
        TrafficProfile profile) {
    public static final PolicyMemory INITIAL = new PolicyMemory(0, 0, null, null);

    public PolicyMemory {
        Objects.requireNonNull(profile, "profile");
    }

    /** A memory with an empty traffic profile. */
    public PolicyMemory(double learnedCapacity, int pendingReplicas, Instant pendingSince, Instant lastResizeAt) {
        this(learnedCapacity, pendingReplicas, pendingSince, lastResizeAt, TrafficProfile.EMPTY);
    }

    public PolicyMemory withProfile(TrafficProfile p) {
        return new PolicyMemory(learnedCapacity, pendingReplicas, pendingSince, lastResizeAt, p);
    }
}
