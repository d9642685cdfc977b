package io.shadowscale.scaler.model;

import java.util.Objects;

/** One partition of one of a pair's input topics (the model's own type, no Kafka import). */
public record Partition(String topic, int partition) implements Comparable<Partition> {
    public Partition {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
    }

    @Override
    public int compareTo(Partition o) {
        int byTopic = topic.compareTo(o.topic);
        return byTopic != 0 ? byTopic : Integer.compare(partition, o.partition);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
