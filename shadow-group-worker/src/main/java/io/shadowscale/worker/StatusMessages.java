package io.shadowscale.worker;

import io.shadowscale.common.Partition;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.HandoffGap;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.Release;
import io.shadowscale.control.proto.TopicPartition;
import io.shadowscale.control.proto.WorkerStatus;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.model.WorkerSnapshot;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds the worker's status message from a snapshot. */
final class StatusMessages {
    private StatusMessages() {}

    static WorkerStatus status(WorkerConfig config, WorkerSnapshot snapshot, long answersCommandId, String refused) {
        return WorkerStatus.newBuilder()
                .setSlot(config.slot().toProto())
                .setWorkerId(config.workerId())
                .setMode(mode(snapshot.mode()))
                .setReady(snapshot.ready())
                .addAllAssigned(partitions(snapshot.assigned()))
                .addAllPositions(offsets(snapshot.positions()))
                .setRecordsProcessed(snapshot.recordsProcessed())
                .addAllStopOffsets(offsets(snapshot.stopOffsets()))
                .setAnswersCommandId(answersCommandId)
                .addAllActivePartitions(partitions(snapshot.active()))
                .setLeaving(snapshot.leaving())
                .setAssignmentGeneration(snapshot.assignmentGeneration())
                .setRefusedReason(refused)
                .addAllFencedPartitions(partitions(snapshot.fenced()))
                .setProtocolVersion(config.protocolVersion())
                .addAllHandoffGaps(gaps(snapshot))
                .build();
    }

    /** A planned handoff's release of {@code offsets} (a version-2 envelope). */
    static ControlEnvelope release(
            WorkerConfig config, long epoch, long nowMillis, Map<Partition, Long> offsets, long stoppedAtMillis) {
        return ControlEnvelope.newBuilder()
                .setPair(config.pair().toProto())
                .setEpoch(epoch)
                .setSentAtMs(nowMillis)
                .setSender(config.workerId())
                .setRelease(Release.newBuilder()
                        .setSlot(config.slot().toProto())
                        .setWorkerId(config.workerId())
                        .addAllOffsets(offsets(new TreeMap<>(offsets)))
                        .setStoppedAtMs(stoppedAtMillis))
                .build();
    }

    static ControlEnvelope envelope(WorkerConfig config, long epoch, long nowMillis, WorkerStatus status) {
        return ControlEnvelope.newBuilder()
                .setPair(config.pair().toProto())
                .setEpoch(epoch)
                .setSentAtMs(nowMillis)
                .setSender(config.workerId())
                .setStatus(status)
                .build();
    }

    @SuppressWarnings("checkstyle:InlineQualifiedName") // two WorkerModes: the model's is imported
    static io.shadowscale.control.proto.WorkerMode mode(WorkerMode mode) {
        return switch (mode) {
            case IDLE -> io.shadowscale.control.proto.WorkerMode.IDLE;
            case SHADOW -> io.shadowscale.control.proto.WorkerMode.SHADOW;
            case ACTIVE -> io.shadowscale.control.proto.WorkerMode.ACTIVE;
            case DRAINING -> io.shadowscale.control.proto.WorkerMode.DRAINING;
        };
    }

    private static Iterable<TopicPartition> partitions(Set<Partition> ids) {
        return ids.stream()
                .map(id -> TopicPartition.newBuilder()
                        .setTopic(id.topic())
                        .setPartition(id.partition())
                        .build())
                .toList();
    }

    /** The gaps of the latest handoff (the model's gaps, as the wire's). */
    private static Iterable<HandoffGap> gaps(WorkerSnapshot snapshot) {
        return snapshot.handoffGaps().stream()
                .map(g -> HandoffGap.newBuilder()
                        .setTopic(g.partition().topic())
                        .setPartition(g.partition().partition())
                        .setEpoch(g.epoch())
                        .setGapMicros(g.gap().toNanos() / 1000)
                        .build())
                .toList();
    }

    private static Iterable<PartitionOffset> offsets(Map<Partition, Long> offsets) {
        return offsets.entrySet().stream()
                .map(e -> PartitionOffset.newBuilder()
                        .setTopic(e.getKey().topic())
                        .setPartition(e.getKey().partition())
                        .setOffset(e.getValue())
                        .build())
                .toList();
    }
}
