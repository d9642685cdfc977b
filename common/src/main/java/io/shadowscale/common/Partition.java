package io.shadowscale.common;

import java.util.Comparator;
import java.util.Objects;

/**
 * One partition of a topic, without the Kafka client type, so that the pure model packages of the
 * worker and the scaler import no Kafka class. Ordered by topic, then partition number; printed
 * as Kafka prints a {@code TopicPartition} ({@code orders-3}).
 */
public record Partition(String topic, int partition) implements Comparable<Partition> {
    private static final Comparator<Partition> ORDER =
            Comparator.comparing(Partition::topic).thenComparingInt(Partition::partition);

    public Partition {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
    }

    @Override
    public int compareTo(Partition other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
