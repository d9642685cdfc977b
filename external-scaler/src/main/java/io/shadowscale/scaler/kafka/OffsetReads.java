package io.shadowscale.scaler.kafka;

import io.shadowscale.common.Partition;
import java.util.Map;
import java.util.Set;

/**
 * The controller's batched reads of the cluster: each method is one Admin request however many
 * pairs it serves, and answers for what could be read (a missing topic, partition or group is
 * left out rather than failing the others). A failure of the whole request (timeout, no broker)
 * is an {@link IllegalStateException}.
 */
public interface OffsetReads {
    /** The partitions of each topic that could be described (one describeTopics). */
    Map<String, Set<Partition>> partitionsByTopic(Set<String> topics);

    /** The latest offset of each partition that could be read (one listOffsets). */
    Map<Partition, Long> endOffsets(Set<Partition> partitions);

    /**
     * The committed offsets of each group that could be read (one listConsumerGroupOffsets for
     * all groups); a group without commits maps to an empty map.
     */
    Map<String, Map<Partition, Long>> committed(Set<String> groups);
}
