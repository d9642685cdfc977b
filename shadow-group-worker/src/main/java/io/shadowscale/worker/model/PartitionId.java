package io.shadowscale.worker.model;

import java.util.Comparator;
import java.util.Objects;

/** A topic partition, without the Kafka client type (this package imports none). */
public record PartitionId(String topic, int partition) implements Comparable<PartitionId> {
    private static final Comparator<PartitionId> ORDER =
            Comparator.comparing(PartitionId::topic).thenComparingInt(PartitionId::partition);

    public PartitionId {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
    }

    @Override
    public int compareTo(PartitionId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
