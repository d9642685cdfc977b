package io.shadowscale.bench.fault;

import io.shadowscale.testkit.sequence.Observation;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the workers' output topic (one {@link Observation} per processed record, written by
 * {@link FaultProcessor} in another process) from the beginning, without a group, and counts which
 * sequence numbers were processed and how often. Survives a broker restart (the consumer
 * reconnects and goes on from its position).
 */
final class OutputTally implements AutoCloseable {
    private final BitSet seen = new BitSet();
    private final AtomicLong observations = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final TopicReader reader;

    OutputTally(Map<String, Object> clientProperties, String topic, int partitions) {
        this.reader = new TopicReader(
                clientProperties,
                "fault-output-" + topic,
                100,
                Duration.ofMillis(200),
                consumer -> {
                    List<TopicPartition> all = IntStream.range(0, partitions)
                            .mapToObj(p -> new TopicPartition(topic, p))
                            .toList();
                    consumer.assign(all);
                    consumer.seekToBeginning(all);
                },
                this::onRecord);
    }

    private void onRecord(ConsumerRecord<byte[], byte[]> record) {
        Observation o;
        try {
            o = Observation.decode(record.value());
        } catch (RuntimeException e) {
            undecodable.incrementAndGet();
            return;
        }
        observations.incrementAndGet();
        synchronized (seen) {
            if (o.sequence() < 0 || o.sequence() > Integer.MAX_VALUE) {
                undecodable.incrementAndGet();
            } else if (seen.get((int) o.sequence())) {
                duplicates.incrementAndGet();
            } else {
                seen.set((int) o.sequence());
            }
        }
    }

    /** Observations read so far (duplicates included). */
    long observations() {
        return observations.get();
    }

    /** Sequence numbers seen more than once (each extra sighting counts once). */
    long duplicates() {
        return duplicates.get();
    }

    long undecodable() {
        return undecodable.get();
    }

    /** Acknowledged sequence numbers below {@code below} not seen in the output yet. */
    long missing(BitSet acked, long below) {
        BitSet missing = (BitSet) acked.clone();
        if (below < Integer.MAX_VALUE) {
            missing.clear((int) below, Math.max((int) below, missing.length()));
        }
        synchronized (seen) {
            missing.andNot(seen);
        }
        return missing.cardinality();
    }

    /** Acknowledged sequence numbers not seen in the output, in ascending order. */
    LongStream unseen(BitSet acked) {
        BitSet missing = (BitSet) acked.clone();
        synchronized (seen) {
            missing.andNot(seen);
        }
        return missing.stream().asLongStream();
    }

    @Override
    public void close() {
        reader.close();
    }
}
