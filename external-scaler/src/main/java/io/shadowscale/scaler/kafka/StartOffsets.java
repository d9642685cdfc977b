package io.shadowscale.scaler.kafka;

import io.shadowscale.common.Partition;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

/**
 * Where a pair's first start begins. Slot groups never use {@code auto.offset.reset}, and an
 * ACTIVE worker keeps a partition without a committed offset paused until a barrier names one;
 * the first start has no barrier. So before it activates the first slot, the controller commits,
 * for every partition that slot's group has never committed, the partition's current log-end
 * offset (what {@code auto.offset.reset=latest} would pick). Partitions with a commit keep it, so
 * an operator who wants the history processed commits earlier offsets before the first start.
 */
public final class StartOffsets {
    private static final long TIMEOUT_SECONDS = 5;

    private StartOffsets() {}

    /**
     * Commits the log-end offset for each of {@code partitions} that {@code group} has not
     * committed (one listConsumerGroupOffsets, one listOffsets, one alterConsumerGroupOffsets if
     * anything is missing). Returns the offsets committed (empty if every partition had one).
     * Fails with {@link IllegalStateException} if Kafka cannot be read or written, or if the group
     * has members (then {@link #groupHasMembers} is true for the failure).
     */
    public static Map<Partition, Long> seedMissing(Admin admin, String group, Set<Partition> partitions) {
        Map<Partition, Long> committed = new ClusterReader(admin).committed(group);
        Map<TopicPartition, OffsetSpec> missing = new HashMap<>();
        for (Partition p : partitions) {
            if (!committed.containsKey(p)) {
                missing.put(new TopicPartition(p.topic(), p.partition()), OffsetSpec.latest());
            }
        }
        if (missing.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndMetadata> seeds = new HashMap<>();
        get(admin.listOffsets(missing).all(), "log-end offsets")
                .forEach((tp, info) -> seeds.put(tp, new OffsetAndMetadata(info.offset(), "shadowscale first start")));
        get(admin.alterConsumerGroupOffsets(group, seeds).all(), "start offsets of " + group);
        Map<Partition, Long> result = new HashMap<>();
        seeds.forEach((tp, om) -> result.put(new Partition(tp.topic(), tp.partition()), om.offset()));
        return Map.copyOf(result);
    }

    /**
     * Whether a {@link #seedMissing} failure means the group has members: a classic group answers
     * GROUP_NOT_EMPTY, a KIP-848 consumer group UNKNOWN_MEMBER_ID.
     */
    public static boolean groupHasMembers(IllegalStateException failure) {
        return failure.getCause() instanceof GroupNotEmptyException
                || failure.getCause() instanceof UnknownMemberIdException;
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not write " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not write " + what + ": " + e.getMessage(), e);
        }
    }
}
