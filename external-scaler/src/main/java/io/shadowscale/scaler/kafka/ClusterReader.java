package io.shadowscale.scaler.kafka;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.shadowscale.scaler.model.Partition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * The controller's reads of the cluster, one Admin request each, bounded by a timeout: partitions
 * of the pair's topics, log-end offsets, a group's committed offsets and its members. Failures
 * surface as {@link IllegalStateException} naming what could not be read.
 */
public final class ClusterReader {
    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;

    public ClusterReader(Admin admin) {
        this.admin = admin;
    }

    /** Every partition of {@code topics} (one describeTopics). */
    public Set<Partition> partitions(List<String> topics) {
        Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames(),
                "partitions of " + topics);
        Set<Partition> all = new HashSet<>();
        described.forEach((name, d) -> d.partitions().forEach(p -> all.add(new Partition(name, p.partition()))));
        return all;
    }

    /** The latest offset of each partition (one listOffsets). */
    public Map<Partition, Long> endOffsets(Set<Partition> partitions) {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(p -> new TopicPartition(p.topic(), p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                get(admin.listOffsets(request).all(), "log-end offsets");
        Map<Partition, Long> ends = new HashMap<>();
        result.forEach((tp, info) -> ends.put(new Partition(tp.topic(), tp.partition()), info.offset()));
        return ends;
    }

    /** The group's committed offsets (one listConsumerGroupOffsets); partitions without a commit are absent. */
    public Map<Partition, Long> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> result =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "committed offsets of " + group);
        Map<Partition, Long> offsets = new HashMap<>();
        result.forEach((tp, om) -> {
            if (om != null) {
                offsets.put(new Partition(tp.topic(), tp.partition()), om.offset());
            }
        });
        return offsets;
    }

    /**
     * The identities of the group's current members (one describeConsumerGroups): member id,
     * client id and group instance id of each, so a worker id can be matched against any of them.
     */
    public Set<String> memberIdentities(String group) {
        Map<String, ConsumerGroupDescription> described =
                get(admin.describeConsumerGroups(List.of(group)).all(), "members of " + group);
        Set<String> ids = new HashSet<>();
        for (ConsumerGroupDescription d : described.values()) {
            for (MemberDescription m : d.members()) {
                ids.add(m.consumerId());
                ids.add(m.clientId());
                m.groupInstanceId().ifPresent(ids::add);
            }
        }
        return ids;
    }

    private static <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read " + what + ": " + e.getMessage(), e);
        }
    }
}
