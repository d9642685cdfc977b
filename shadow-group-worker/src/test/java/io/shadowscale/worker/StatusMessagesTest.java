package io.shadowscale.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.common.Partition;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.Release;
import io.shadowscale.control.proto.Slot;
import io.shadowscale.control.proto.TopicPartition;
import io.shadowscale.control.proto.WorkerStatus;
import io.shadowscale.worker.model.HandoffGap;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.model.WorkerSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusMessagesTest {
    private static final WorkerConfig CONFIG =
            WorkerConfig.parse(WorkerEnvs.valid("SHADOWSCALE_SLOT", "blue", "HOSTNAME", "blue-1"));

    @Test
    @SuppressWarnings("checkstyle:InlineQualifiedName") // two WorkerModes: the model's is imported
    void drainingWorkerReportsAStopOffsetForEveryAssignedPartition() {
        Partition p0 = new Partition("orders", 0);
        Partition p1 = new Partition("orders", 1);
        WorkerSnapshot snapshot = WorkerSnapshot.builder()
                .mode(WorkerMode.DRAINING)
                .epoch(9)
                .assigned(Set.of(p1, p0))
                .positions(Map.of(p0, 10L, p1, 0L))
                .stopOffsets(Map.of(p0, 10L, p1, 0L))
                .recordsProcessed(10)
                .assignmentGeneration(2)
                .lastFence(Duration.ofMillis(4))
                .fences(1)
                .build();
        assertThat(StatusMessages.status(CONFIG, snapshot, 42, ""))
                .isEqualTo(WorkerStatus.newBuilder()
                        .setSlot(Slot.BLUE)
                        .setWorkerId("blue-1")
                        .setMode(io.shadowscale.control.proto.WorkerMode.DRAINING)
                        .setReady(false)
                        .addAssigned(tp(0))
                        .addAssigned(tp(1))
                        .addPositions(offset(0, 10))
                        .addPositions(offset(1, 0))
                        .setRecordsProcessed(10)
                        .addStopOffsets(offset(0, 10))
                        .addStopOffsets(offset(1, 0))
                        .setAnswersCommandId(42)
                        .setAssignmentGeneration(2)
                        .setProtocolVersion(2)
                        .build());
    }

    @Test
    @SuppressWarnings("checkstyle:InlineQualifiedName") // two WorkerModes: the model's is imported
    void envelopeCarriesPairEpochSenderAndTime() {
        WorkerStatus status = StatusMessages.status(
                CONFIG, WorkerSnapshot.idle(), 0, "FENCE refused in IDLE: warm or activate first");
        var envelope = StatusMessages.envelope(CONFIG, 5, 1_700_000_000_000L, status);
        assertThat(envelope.getPair().getNamespace()).isEqualTo("shop");
        assertThat(envelope.getPair().getName()).isEqualTo("orders");
        assertThat(envelope.getEpoch()).isEqualTo(5);
        assertThat(envelope.getSender()).isEqualTo("blue-1");
        assertThat(envelope.getSentAtMs()).isEqualTo(1_700_000_000_000L);
        assertThat(envelope.getStatus().getRefusedReason()).isEqualTo("FENCE refused in IDLE: warm or activate first");
        assertThat(envelope.getStatus().getMode()).isEqualTo(io.shadowscale.control.proto.WorkerMode.IDLE);
    }

    @Test
    @SuppressWarnings("checkstyle:InlineQualifiedName") // two HandoffGaps: the model's is imported
    void statusCarriesTheLatestHandoffsGapsInMicrosecondsByPartition() {
        WorkerSnapshot snapshot = WorkerSnapshot.builder()
                .mode(WorkerMode.ACTIVE)
                .handoffGaps(List.of(
                        new HandoffGap(new Partition("orders", 1), 12, Duration.ofNanos(75_400_999)),
                        new HandoffGap(new Partition("orders", 0), 12, Duration.ofMillis(3))))
                .build();
        assertThat(StatusMessages.status(CONFIG, snapshot, 0, "").getHandoffGapsList())
                .containsExactly(
                        io.shadowscale.control.proto.HandoffGap.newBuilder()
                                .setTopic("orders")
                                .setPartition(0)
                                .setEpoch(12)
                                .setGapMicros(3_000)
                                .build(),
                        io.shadowscale.control.proto.HandoffGap.newBuilder()
                                .setTopic("orders")
                                .setPartition(1)
                                .setEpoch(12)
                                .setGapMicros(75_400)
                                .build());
    }

    @Test
    void releaseCarriesWhenThePartitionsStopped() {
        var envelope = StatusMessages.release(
                CONFIG, 8, 1_700_000_000_050L, Map.of(new Partition("orders", 2), 41L), 1_700_000_000_020L);
        assertThat(envelope.getRelease())
                .isEqualTo(Release.newBuilder()
                        .setSlot(Slot.BLUE)
                        .setWorkerId("blue-1")
                        .addOffsets(offset(2, 41))
                        .setStoppedAtMs(1_700_000_000_020L)
                        .build());
        assertThat(envelope.getSentAtMs()).isEqualTo(1_700_000_000_050L);
    }

    private static TopicPartition tp(int partition) {
        return TopicPartition.newBuilder()
                .setTopic("orders")
                .setPartition(partition)
                .build();
    }

    private static PartitionOffset offset(int partition, long offset) {
        return PartitionOffset.newBuilder()
                .setTopic("orders")
                .setPartition(partition)
                .setOffset(offset)
                .build();
    }
}
