package io.shadowscale.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.WorkerEnvs;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.processor.RecordSink;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordPumpTest {
    private static final TopicPartition A = new TopicPartition("orders", 0);
    private static final TopicPartition B = new TopicPartition("orders", 1);
    private static final TopicPartition C = new TopicPartition("orders", 2);

    private final List<String> seen = new ArrayList<>();
    private final RecordProcessor processor = new RecordProcessor() {
        @Override
        public void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) {
            seen.add(record.partition() + "@" + record.offset());
        }
    };
    private final OutputProducers outputs = new OutputProducers(
            WorkerConfig.parse(
                    WorkerEnvs.valid("SHADOWSCALE_BOOTSTRAP_SERVERS", "127.0.0.1:9", "HOSTNAME", "orders-green-0")),
            new CommitTimes(Clock.systemUTC()));
    private final PartitionBook parts = new PartitionBook();
    private final AtomicBoolean commandWaiting = new AtomicBoolean();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("none");

    @AfterEach
    void close() {
        outputs.close();
    }

    private RecordPump pump(int recordsPerRound) {
        return new RecordPump(
                "w-1", processor, outputs, parts, Clock.systemUTC(), recordsPerRound, commandWaiting::get, () -> {});
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(TopicPartition tp, long from, long toExclusive) {
        return LongStream.range(from, toExclusive)
                .mapToObj(o -> new ConsumerRecord<>(tp.topic(), tp.partition(), o, new byte[0], new byte[0]))
                .toList();
    }

    private static ConsumerRecords<byte[], byte[]> poll(TopicPartition tp, long from, long toExclusive) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
        byPartition.put(tp, records(tp, from, toExclusive));
        return new ConsumerRecords<>(byPartition, Map.of());
    }

    private static List<String> expected(TopicPartition tp, long from, long toExclusive) {
        return LongStream.range(from, toExclusive)
                .mapToObj(o -> tp.partition() + "@" + o)
                .toList();
    }

    @Test
    void pollsOfOnePartitionEachAreWorkedOffASliceOfEveryPartitionPerRound() throws Exception {
        RecordPump pump = pump(90);
        List.of(A, B, C).forEach(tp -> parts.started.put(tp, 0L));
        pump.take(consumer, poll(A, 0, 300));
        pump.take(consumer, poll(B, 0, 300));
        pump.take(consumer, poll(C, 0, 300));

        assertThat(pump.workOffRound(consumer)).isFalse();

        List<String> round = new ArrayList<>(expected(A, 0, 30));
        round.addAll(expected(B, 0, 30));
        round.addAll(expected(C, 0, 30));
        assertThat(seen).isEqualTo(round);
        assertThat(pump.waiting()).isEqualTo(810);
        assertThat(parts.started).containsEntry(A, 30L).containsEntry(B, 30L).containsEntry(C, 30L);
        assertThat(pump.processed()).isEqualTo(90);
    }

    @Test
    void aWaitingCommandIsTakenAfterOneSliceAndTheRestKeepsItsOrder() throws Exception {
        RecordPump pump = pump(500);
        parts.started.put(A, 0L);
        pump.take(consumer, poll(A, 0, 250));
        commandWaiting.set(true);

        assertThat(pump.workOffRound(consumer)).isTrue();
        assertThat(seen).isEqualTo(expected(A, 0, RecordPump.SLICE));
        assertThat(pump.waiting()).isEqualTo(150);

        commandWaiting.set(false);
        pump.take(consumer, poll(A, 250, 260));
        while (pump.waiting() > 0) {
            pump.workOffRound(consumer);
        }
        assertThat(seen).isEqualTo(expected(A, 0, 260));
        assertThat(parts.started).containsEntry(A, 260L);
    }

    @Test
    void recordsBelowAStartedPositionAreDroppedAndOtherPartitionsGoBackPaused() throws Exception {
        RecordPump pump = pump(500);
        parts.started.put(A, 105L);
        consumer.assign(List.of(A, B));
        consumer.updateBeginningOffsets(Map.of(A, 0L, B, 0L));
        consumer.seek(B, 50);

        pump.take(consumer, poll(A, 100, 110));
        pump.take(consumer, poll(B, 40, 45));
        pump.workOffRound(consumer);

        assertThat(seen).isEqualTo(expected(A, 105, 110));
        assertThat(consumer.paused()).containsExactly(B);
        assertThat(consumer.position(B)).isEqualTo(40L);
    }

    @Test
    void aStartFromTheReadAheadComesFirstAndDroppingForgetsIt() throws Exception {
        RecordPump pump = pump(500);
        parts.started.put(A, 10L);
        pump.started(A, records(A, 10, 15), "5 held");
        pump.take(consumer, poll(A, 15, 18));
        pump.workOffRound(consumer);
        assertThat(seen).isEqualTo(expected(A, 10, 18));

        pump.started(B, records(B, 0, 5), "5 held");
        pump.drop(B);
        pump.started(C, records(C, 0, 5), "5 held");
        pump.dropAll();
        assertThat(pump.waiting()).isZero();
    }
}
