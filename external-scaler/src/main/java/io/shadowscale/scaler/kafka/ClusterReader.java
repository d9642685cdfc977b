package io.shadowscale.scaler.kafka;

import io.shadowscale.common.Partition;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * The controller's reads of the cluster, one Admin request each, bounded by a timeout: partitions
 * of topics, log-end offsets, groups' committed offsets and a group's members. The
 * {@link OffsetReads} methods serve many pairs with one request and leave out what could not be
 * read; the others fail with an {@link IllegalStateException} naming what could not be read.
 */
public final class ClusterReader implements OffsetReads {
    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;

    public ClusterReader(Admin admin) {
        this.admin = admin;
    }

    @Override
    public Map<String, Set<Partition>> partitionsByTopic(Set<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        Map<String, KafkaFuture<TopicDescription>> futures =
                admin.describeTopics(topics).topicNameValues();
        awaitAll(futures.values(), "partitions of " + topics.size() + " topic(s)");
        Map<String, Set<Partition>> found = new HashMap<>();
        futures.forEach((name, f) -> value(f).ifPresent(d -> found.put(
                name,
                d.partitions().stream()
                        .map(p -> new Partition(name, p.partition()))
                        .collect(Collectors.toUnmodifiableSet()))));
        return found;
    }

    @Override
    public Map<Partition, Long> endOffsets(Set<Partition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(p -> new TopicPartition(p.topic(), p.partition()), p -> OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(request);
        Map<TopicPartition, KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo>> futures = new HashMap<>();
        request.keySet().forEach(tp -> futures.put(tp, result.partitionResult(tp)));
        awaitAll(futures.values(), "log-end offsets of " + partitions.size() + " partition(s)");
        Map<Partition, Long> ends = new HashMap<>();
        futures.forEach((tp, f) ->
                value(f).ifPresent(info -> ends.put(new Partition(tp.topic(), tp.partition()), info.offset())));
        return ends;
    }

    @Override
    public Map<String, Map<Partition, Long>> committed(Set<String> groups) {
        if (groups.isEmpty()) {
            return Map.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> request = new HashMap<>();
        groups.forEach(g -> request.put(g, new ListConsumerGroupOffsetsSpec()));
        ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(request);
        Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> futures = new HashMap<>();
        groups.forEach(g -> futures.put(g, result.partitionsToOffsetAndMetadata(g)));
        awaitAll(futures.values(), "committed offsets of " + groups.size() + " group(s)");
        Map<String, Map<Partition, Long>> committed = new HashMap<>();
        futures.forEach((group, f) -> value(f).ifPresent(offsets -> committed.put(group, partitionOffsets(offsets))));
        return committed;
    }

    /** The group's committed offsets (one listConsumerGroupOffsets); partitions without a commit are absent. */
    public Map<Partition, Long> committed(String group) {
        return partitionOffsets(get(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                "committed offsets of " + group));
    }

    private static Map<Partition, Long> partitionOffsets(Map<TopicPartition, OffsetAndMetadata> result) {
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

    /**
     * Waits, within the timeout, until every future is done (failed ones included): one request's
     * futures complete together, so the wait is bounded by the slowest broker answer.
     */
    private static void awaitAll(Collection<? extends KafkaFuture<?>> futures, String what) {
        try {
            KafkaFuture.allOf(futures.toArray(new KafkaFuture<?>[0])).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + what, e);
        } catch (ExecutionException e) {
            // some failed; each is looked at on its own
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "could not read " + what + ": timed out after " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** The value of a completed future, empty if it failed. */
    private static <T> Optional<T> value(KafkaFuture<T> future) {
        if (!future.isDone() || future.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(future.getNow(null));
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
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
