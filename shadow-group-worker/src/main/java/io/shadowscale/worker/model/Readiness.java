package io.shadowscale.worker.model;

import io.shadowscale.common.Partition;
import java.time.Duration;
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
    public static Readiness evaluate(
            boolean groupStable,
            int members,
            int expectedMembers,
            boolean memberKnown,
            Set<Partition> coordinatorAssignment,
            Set<Partition> localAssignment) {
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
            return new Readiness(
                    false,
                    "member holds " + localAssignment.size() + " partitions, coordinator says "
                            + coordinatorAssignment.size());
        }
        return new Readiness(true, "stable");
    }

    /**
     * A stable group's worker that reads ahead is ready once its read-ahead is near the end of the
     * log, so that the barrier finds the records after it already in memory; a worker that cannot
     * catch up is ready anyway after {@code limit} (it then starts like a worker without read-ahead).
     *
     * @param behind the most records any read-ahead partition is behind the log end; negative when
     *     not known yet (no fetch has answered)
     * @param allowed records behind still counted as caught up
     * @param waited how long the group has been ready
     */
    public Readiness afterReadAhead(long behind, long allowed, Duration waited, Duration limit) {
        if (!ready || (behind >= 0 && behind <= allowed)) {
            return this;
        }
        String lag = behind < 0 ? "lag not known yet" : behind + " records behind the log end";
        if (waited.compareTo(limit) >= 0) {
            return new Readiness(true, "stable; read-ahead still " + lag + " after " + limit.toMillis() + " ms");
        }
        return new Readiness(false, "reading ahead: " + lag);
    }
}
