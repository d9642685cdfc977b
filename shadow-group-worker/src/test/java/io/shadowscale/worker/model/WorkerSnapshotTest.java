package io.shadowscale.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.common.Partition;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkerSnapshotTest {
    private static final Partition P0 = new Partition("orders", 0);
    private static final ErrorCounts COUNTS = new ErrorCounts(3, 2, 1);

    @Test
    void notReadyChangesOnlyTheReadinessAndKeepsTheErrorCounts() {
        WorkerSnapshot ready = processing().ready(true).errors(COUNTS).build();

        assertThat(ready.notReady())
                .isEqualTo(processing().ready(false).errors(COUNTS).build());
    }

    @Test
    void notReadyOfASnapshotThatIsNotReadyIsTheSameSnapshot() {
        WorkerSnapshot idle = WorkerSnapshot.idle();

        assertThat(idle.notReady()).isSameAs(idle);
    }

    @Test
    void withErrorsChangesOnlyTheErrorCounts() {
        ErrorCounts more = new ErrorCounts(4, 2, 1);

        assertThat(processing().ready(true).errors(COUNTS).build().withErrors(more))
                .isEqualTo(processing().ready(true).errors(more).build());
    }

    /** An ACTIVE worker past one handoff, with readiness and error counts left to the test. */
    private static WorkerSnapshot.Builder processing() {
        return WorkerSnapshot.builder()
                .mode(WorkerMode.ACTIVE)
                .epoch(4)
                .assigned(Set.of(P0))
                .active(Set.of(P0))
                .positions(Map.of(P0, 10L))
                .recordsProcessed(10)
                .lastHandoff(Duration.ofMillis(5))
                .handoffs(1);
    }
}
