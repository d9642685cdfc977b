package io.shadowscale.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BacklogTest {
    private static final TopicPartition A = new TopicPartition("orders", 0);
    private static final TopicPartition B = new TopicPartition("orders", 1);
    private static final TopicPartition C = new TopicPartition("orders", 2);

    private static List<ConsumerRecord<byte[], byte[]>> records(TopicPartition tp, long from, long toExclusive) {
        return LongStream.range(from, toExclusive)
                .mapToObj(o -> new ConsumerRecord<>(tp.topic(), tp.partition(), o, new byte[0], new byte[0]))
                .toList();
    }

    private static List<Long> offsets(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(ConsumerRecord::offset).toList();
    }

    @Test
    void everyPartitionGetsASliceInTheFirstRound() {
        Backlog backlog = new Backlog(30);
        backlog.start(A, records(A, 100, 200));
        backlog.start(B, records(B, 500, 510));
        backlog.start(C, records(C, 0, 100));

        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> round = backlog.nextRound();

        assertThat(round.keySet()).containsExactly(A, B, C);
        assertThat(offsets(round.get(A)))
                .isEqualTo(LongStream.range(100, 110).boxed().toList());
        assertThat(offsets(round.get(B)))
                .isEqualTo(LongStream.range(500, 510).boxed().toList());
        assertThat(offsets(round.get(C)))
                .isEqualTo(LongStream.range(0, 10).boxed().toList());
        assertThat(backlog.size()).isEqualTo(180);
    }

    @Test
    void polledRecordsQueueBehindTheBacklogUntilItIsWorkedOffAndOrderHolds() {
        Backlog backlog = new Backlog(4);
        backlog.start(A, records(A, 10, 13));

        assertThat(backlog.append(A, records(A, 13, 15))).isTrue();
        assertThat(backlog.append(B, records(B, 0, 5))).isFalse();

        List<Long> seen = new ArrayList<>();
        while (!backlog.isEmpty()) {
            seen.addAll(offsets(backlog.nextRound().get(A)));
        }
        assertThat(seen).containsExactly(10L, 11L, 12L, 13L, 14L);
        assertThat(backlog.append(A, records(A, 15, 16))).isFalse();
    }

    @Test
    void slicesShrinkWithMorePartitionsButNeverBelowOne() {
        Backlog backlog = new Backlog(2);
        backlog.start(A, records(A, 0, 5));
        backlog.start(B, records(B, 0, 5));
        backlog.start(C, records(C, 0, 5));

        assertThat(backlog.nextRound().values())
                .allSatisfy(slice -> assertThat(slice).hasSize(1));
    }

    @Test
    void nothingHeldStartsNoBacklogAndRemoveAndClearDropIt() {
        Backlog backlog = new Backlog(10);
        backlog.start(A, List.of());
        assertThat(backlog.isEmpty()).isTrue();

        backlog.start(A, records(A, 0, 3));
        backlog.start(B, records(B, 0, 3));
        backlog.remove(A);
        assertThat(backlog.nextRound().keySet()).containsExactly(B);
        backlog.start(C, records(C, 0, 3));
        backlog.clear();
        assertThat(backlog.isEmpty()).isTrue();
        assertThat(backlog.nextRound()).isEmpty();
    }

    @Test
    void deferredAndGivenBackRecordsKeepTheirOrder() {
        Backlog backlog = new Backlog(100);
        backlog.defer(A, records(A, 5, 8));
        backlog.defer(A, records(A, 8, 10));
        List<ConsumerRecord<byte[], byte[]>> slice = backlog.nextRound().get(A);
        assertThat(backlog.isEmpty()).isTrue();

        backlog.giveBack(A, slice.subList(2, slice.size()));
        backlog.append(A, records(A, 10, 11));

        assertThat(backlog.size()).isEqualTo(4);
        assertThat(offsets(backlog.nextRound().get(A))).containsExactly(7L, 8L, 9L, 10L);
        assertThat(backlog.size()).isZero();
    }

    @Test
    void sizeFollowsEveryChange() {
        Backlog backlog = new Backlog(4);
        backlog.start(A, records(A, 0, 6));
        backlog.defer(B, records(B, 0, 3));
        backlog.start(A, records(A, 0, 2)); // a restart replaces
        assertThat(backlog.size()).isEqualTo(5);

        backlog.nextRound(); // 2 of A, 2 of B
        assertThat(backlog.size()).isEqualTo(1);
        backlog.remove(B);
        assertThat(backlog.size()).isZero();
        backlog.defer(C, records(C, 0, 3));
        backlog.clear();
        assertThat(backlog.size()).isZero();
    }

    @Test
    void aRoundOfNoRecordsIsRefused() {
        assertThatThrownBy(() -> new Backlog(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("recordsPerRound must be >= 1, was 0");
    }
}
