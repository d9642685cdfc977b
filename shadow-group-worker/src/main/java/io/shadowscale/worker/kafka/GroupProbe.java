package io.shadowscale.worker.kafka;

import io.shadowscale.common.Partition;
import io.shadowscale.worker.model.Readiness;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/** Admin reads of consumer groups: another group's committed offsets, and this group's stability. */
final class GroupProbe implements AutoCloseable {
    private final Admin admin;
    private final Duration timeout;

    GroupProbe(Map<String, Object> clientProperties, String clientId, Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put("client.id", clientId);
        this.admin = Admin.create(props);
        this.timeout = timeout;
    }

    /**
     * The committed offsets of {@code group} for {@code partitions} (those it has). With
     * {@code requireStable} the broker first resolves pending transactional offsets, so the answer
     * cannot move back after an aborted transaction of a fenced owner.
     */
    Map<TopicPartition, Long> committedOffsets(
            String group, Collection<TopicPartition> partitions, boolean requireStable)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                        Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(List.copyOf(partitions))),
                        new ListConsumerGroupOffsetsOptions().requireStable(requireStable))
                .partitionsToOffsetAndMetadata(group)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                result.put(tp, om.offset());
            }
        });
        return result;
    }

    /** Starts describing {@code group}; the caller collects the answer when it is done (never blocks). */
    KafkaFuture<ConsumerGroupDescription> describe(String group) {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group);
    }

    /** Whether the described group is stable with {@code expected} members and {@code memberId} holds {@code local}. */
    static Readiness readiness(
            ConsumerGroupDescription description, String memberId, int expected, Set<TopicPartition> local) {
        Optional<MemberDescription> me = description.members().stream()
                .filter(m -> m.consumerId().equals(memberId))
                .findFirst();
        Set<Partition> coordinator =
                me.map(m -> ids(m.assignment().topicPartitions())).orElse(Set.of());
        return Readiness.evaluate(
                description.groupState() == GroupState.STABLE,
                description.members().size(),
                expected,
                me.isPresent(),
                coordinator,
                ids(local));
    }

    static Set<Partition> ids(Collection<TopicPartition> partitions) {
        return partitions.stream()
                .map(tp -> new Partition(tp.topic(), tp.partition()))
                .collect(Collectors.toSet());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
