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
                .mapToObj(o -> new ConsumerRecord<>(TP.topic(), TP.partition(), o, new byte[0], new byte[0])).toList();
    }

    private static List<Long> offsets(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(ConsumerRecord::offset).toList();
    }

    @Test
    void barrierInsideTheTailStartsFromTheHeldRecordsAtTheBarrierOffset() {
        Prefetch prefetch = new Prefetch(100);
        prefetch.start(TP, 10);
        prefetch.add(TP, records(10, 20));
        prefetch.add(TP, records(20, 25));

        assertThat(offsets(prefetch.takeFrom(TP, 17))).containsExactly(17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L);
        assertThat(prefetch.tailing(TP)).isFalse();
    }

    @Test
    void barrierAtTheNextOffsetStartsWithNothingHeldAndNoSeek() {
        Prefetch prefetch = new Prefetch(100);
        prefetch.start(TP, 10);
        prefetch.add(TP, records(10, 20));

        assertThat(prefetch.takeFrom(TP, 20)).isEmpty();
    }

    @Test
    void barrierBeyondTheTailOrBelowItMeansSeek() {
        Prefetch prefetch = new Prefetch(100);
        prefetch.start(TP, 10);
        prefetch.add(TP, records(10, 20));
        assertThat(prefetch.takeFrom(TP, 21)).isNull();

        prefetch.start(TP, 10);
        assertThat(prefetch.takeFrom(TP, 9)).isNull();
        assertThat(prefetch.takeFrom(new TopicPartition("orders", 4), 10)).isNull();
    }

    @Test
    void trimDropsWhatTheActiveGroupCommittedAndKeepsTheRest() {
        Prefetch prefetch = new Prefetch(100);
        prefetch.start(TP, 0);
        prefetch.add(TP, records(0, 50));

        prefetch.trim(TP, 40);

        assertThat(prefetch.held()).isEqualTo(10);
        assertThat(prefetch.takeFrom(TP, 39)).isNull();
    }

    @Test
    void fullTailAsksForAPauseAndForAResumeOnceTrimmedBelowHalf() {
        Prefetch prefetch = new Prefetch(10);
        prefetch.start(TP, 0);

        assertThat(prefetch.add(TP, records(0, 9))).isFalse();
        assertThat(prefetch.add(TP, records(9, 12))).isTrue();
        assertThat(prefetch.trim(TP, 5)).isFalse();
        assertThat(prefetch.trim(TP, 8)).isTrue();
        assertThat(prefetch.held()).isEqualTo(4);
    }

    @Test
    void aTailBehindTheCommittedOffsetIsReportedSoTheCallerSeeks() {
        Prefetch prefetch = new Prefetch(10);
        prefetch.start(TP, 0);
        prefetch.add(TP, records(0, 10));

        assertThat(prefetch.behind(TP, 10)).isFalse();
        assertThat(prefetch.behind(TP, 11)).isTrue();
    }

    @Test
    void recordsAlreadyHeldAreNotHeldTwice() {
        Prefetch prefetch = new Prefetch(100);
        prefetch.start(TP, 0);
        prefetch.add(TP, records(0, 5));
        prefetch.add(TP, records(3, 8));

        assertThat(offsets(prefetch.takeFrom(TP, 0))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void zeroCapTurnsReadAheadOffAndNegativeIsRefused() {
        assertThat(new Prefetch(0).enabled()).isFalse();
        assertThatThrownBy(() -> new Prefetch(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capRecords must be >= 0, was -1");
    }
}
