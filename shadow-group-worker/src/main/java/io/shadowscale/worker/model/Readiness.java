package io.shadowscale.worker.model;

import java.util.Set;

/**
 * Whether a SHADOW worker is ready for a barrier: its group is stable (the coordinator has
 * nothing left to move), has at least the expected number of members, and this member holds
 * exactly what the coordinator says it holds (its own reconciliation is done).
 *
 * @param ready the verdict
 * @param reason why not (or "stable")
 */
public record Readiness(boolean ready, String reason) {
    public static Readiness evaluate(boolean groupStable, int members, int expectedMembers, boolean memberKnown,
                                     Set<PartitionId> coordinatorAssignment, Set<PartitionId> localAssignment) {
        if (!groupStable) {
            return new Readiness(false, "group not stable");
        }
        if (members < expectedMembers) {
            return new Readiness(false, "group has " + members + " of " + expectedMembers + " members");
        }
        if (!memberKnown) {
            return new Readiness(false, "member not in the group description yet");
        }
        if (!coordinatorAssignment.equals(localAssignment)) {
            return new Readiness(false, "member holds " + localAssignment.size() + " partitions, coordinator says "
                    + coordinatorAssignment.size());
        }
        return new Readiness(true, "stable");
    }
}
