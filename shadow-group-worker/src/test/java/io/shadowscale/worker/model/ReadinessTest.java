package io.shadowscale.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.common.Partition;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadinessTest {
    private static final Set<Partition> TWO = Set.of(new Partition("t", 0), new Partition("t", 1));

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
        assertThat(Readiness.evaluate(true, 3, 3, true, TWO, Set.of(new Partition("t", 0))))
                .isEqualTo(new Readiness(false, "member holds 1 partitions, coordinator says 2"));
    }

    @Test
    void unknownMemberIsNotReady() {
        assertThat(Readiness.evaluate(true, 3, 3, false, Set.of(), TWO))
                .isEqualTo(new Readiness(false, "member not in the group description yet"));
    }

    @Test
    void aReadAheadNearTheLogEndKeepsTheGroupVerdict() {
        Readiness stable = new Readiness(true, "stable");

        assertThat(stable.afterReadAhead(500, 500, Duration.ZERO, Duration.ofSeconds(5)))
                .isSameAs(stable);
        Readiness notStable = new Readiness(false, "group not stable");
        assertThat(notStable.afterReadAhead(9_000, 500, Duration.ofSeconds(9), Duration.ofSeconds(5)))
                .isSameAs(notStable);
    }

    @Test
    void aReadAheadBehindTheLogEndWaitsUntilTheLimit() {
        Readiness stable = new Readiness(true, "stable");

        assertThat(stable.afterReadAhead(501, 500, Duration.ofMillis(4_999), Duration.ofSeconds(5)))
                .isEqualTo(new Readiness(false, "reading ahead: 501 records behind the log end"));
        assertThat(stable.afterReadAhead(-1, 500, Duration.ZERO, Duration.ofSeconds(5)))
                .isEqualTo(new Readiness(false, "reading ahead: lag not known yet"));
        assertThat(stable.afterReadAhead(501, 500, Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .isEqualTo(
                        new Readiness(true, "stable; read-ahead still 501 records behind the log end after 5000 ms"));
    }
}
