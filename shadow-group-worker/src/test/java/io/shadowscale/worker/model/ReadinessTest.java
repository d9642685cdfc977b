package io.shadowscale.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class ReadinessTest {
    private static final Set<PartitionId> TWO = Set.of(new PartitionId("t", 0), new PartitionId("t", 1));

    @Test
    void stableGroupWithAllMembersAndMatchingAssignmentIsReady() {
        assertThat(Readiness.evaluate(true, 3, 3, true, TWO, TWO)).isEqualTo(new Readiness(true, "stable"));
    }

    @Test
    void missingMembersAreNotReady() {
        assertThat(Readiness.evaluate(true, 2, 3, true, TWO, TWO))
                .isEqualTo(new Readiness(false, "group has 2 of 3 members"));
    }

    @Test
    void reconcilingGroupIsNotReady() {
        assertThat(Readiness.evaluate(false, 3, 3, true, TWO, TWO)).isEqualTo(new Readiness(false, "group not stable"));
    }

    @Test
    void memberStillReconcilingIsNotReady() {
        assertThat(Readiness.evaluate(true, 3, 3, true, TWO, Set.of(new PartitionId("t", 0))))
                .isEqualTo(new Readiness(false, "member holds 1 partitions, coordinator says 2"));
    }

    @Test
    void unknownMemberIsNotReady() {
        assertThat(Readiness.evaluate(true, 3, 3, false, Set.of(), TWO))
                .isEqualTo(new Readiness(false, "member not in the group description yet"));
    }
}
