package io.shadowscale.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PrefetchTest {
    private static final TopicPartition TP = new TopicPartition("orders", 3);

    private static List<ConsumerRecord<byte[], byte[]>> records(long from, long toExclusive) {
        return LongStream.range(from, toExclusive)
                .mapToObj(o -> new ConsumerRecord<>(TP.topic(), TP.partition(), o, new byte[0], new byte[0]))
                .toList();
    }

    private static List<Long> offsets(Prefetch.Start start) {
        assertThat(start.seek()).isFalse();
        return start.held().stream().map(ConsumerRecord::offset).toList();
    }

    /** A read-ahead of {@code cap} records that tails {@code TP} from {@code from} and was fed {@code batches}. */
    @SafeVarargs
    private static Prefetch tailing(int cap, long from, List<ConsumerRecord<byte[], byte[]>>... batches) {
        Prefetch prefetch = new Prefetch(cap);
        prefetch.start(TP, from);
        for (List<ConsumerRecord<byte[], byte[]>> batch : batches) {
            prefetch.add(TP, batch);
        }
        return prefetch;
    }

    @Test
    void barrierInsideTheTailStartsFromTheHeldRecordsAtTheBarrierOffset() {
        Prefetch prefetch = tailing(100, 10, records(10, 20), records(20, 25));

        assertThat(offsets(prefetch.takeFrom(TP, 17))).containsExactly(17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L);
        assertThat(prefetch.tailing(TP)).isFalse();
    }

    @Test
    void barrierAtTheNextOffsetStartsWithNothingHeldAndNoSeek() {
        Prefetch prefetch = tailing(100, 10, records(10, 20));

        assertThat(offsets(prefetch.takeFrom(TP, 20))).isEmpty();
    }

    @Test
    void barrierWithinAWindowAheadOfTheTailGoesOnWithoutSeekAndFurtherMeansSeek() {
        Prefetch prefetch = tailing(100, 10, records(10, 20));
        assertThat(offsets(prefetch.takeFrom(TP, 120))).isEmpty();

        prefetch.start(TP, 10);
        prefetch.add(TP, records(10, 20));
        assertThat(prefetch.takeFrom(TP, 121)).isEqualTo(Prefetch.Start.SEEK);
    }

    @Test
    void barrierBelowTheTailOrWithoutATailMeansSeek() {
        Prefetch prefetch = tailing(100, 10);
        assertThat(prefetch.takeFrom(TP, 9)).isEqualTo(Prefetch.Start.SEEK);
        assertThat(prefetch.takeFrom(new TopicPartition("orders", 4), 10)).isEqualTo(Prefetch.Start.SEEK);
    }

    @Test
    void aFullWindowSlidesToTheNewestRecords() {
        Prefetch prefetch = tailing(10, 0, records(0, 9), records(9, 14));

        assertThat(prefetch.held()).isEqualTo(10);
        assertThat(offsets(prefetch.takeFrom(TP, 4))).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);

        prefetch.start(TP, 0);
        prefetch.add(TP, records(0, 14));
        assertThat(prefetch.takeFrom(TP, 3)).isEqualTo(Prefetch.Start.SEEK);
    }

    @Test
    void recordsAlreadyHeldAreNotHeldTwice() {
        Prefetch prefetch = tailing(100, 0, records(0, 5), records(3, 8));

        assertThat(offsets(prefetch.takeFrom(TP, 0))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void zeroCapTurnsReadAheadOffAndNegativeIsRefused() {
        assertThat(new Prefetch(0).enabled()).isFalse();
        assertThatThrownBy(() -> new Prefetch(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capRecords must be >= 0, was -1");
    }
}
