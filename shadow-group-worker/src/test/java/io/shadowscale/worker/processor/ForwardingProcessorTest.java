package io.shadowscale.worker.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ForwardingProcessorTest {
    private static final TopicPartition TP = new TopicPartition("orders", 3);
    private static final ProcessorContext CONTEXT =
            new ProcessorContext(new PairKey("shop", "orders"), SlotName.BLUE, "blue-1", Optional.empty(), Map.of());

    /** Writes down every call it gets. */
    private static final class Recording implements RecordProcessor {
        final List<String> calls = new ArrayList<>();

        @Override
        public void open(ProcessorContext context) {
            calls.add("open " + context.workerId());
        }

        @Override
        public void partitionsStarted(Collection<TopicPartition> partitions) {
            calls.add("started " + partitions);
        }

        @Override
        public void partitionsStopped(Collection<TopicPartition> partitions) {
            calls.add("stopped " + partitions);
        }

        @Override
        public void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) {
            calls.add("process " + record.offset());
        }

        @Override
        public Optional<String> notReadyReason() {
            return Optional.of("application not connected");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset) {
        return new ConsumerRecord<>(TP.topic(), TP.partition(), offset, null, new byte[0]);
    }

    @Test
    void forwardsEverythingButTheRecordsToTheWrappedProcessor() throws Exception {
        Recording inner = new Recording();
        List<String> outer = new ArrayList<>();
        ForwardingProcessor processor = new ForwardingProcessor(inner) {
            @Override
            public void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) {
                outer.add("process " + record.offset());
            }
        };

        processor.open(CONTEXT);
        processor.partitionsStarted(List.of(TP));
        processor.processBatch(TP, List.of(record(7), record(8)), r -> {});
        processor.partitionsStopped(List.of(TP));
        processor.close();

        assertThat(inner.calls).containsExactly("open blue-1", "started [orders-3]", "stopped [orders-3]", "close");
        assertThat(outer).containsExactly("process 7", "process 8");
        assertThat(processor.notReadyReason()).isEqualTo(Optional.of("application not connected"));
        assertThat(processor.delegate()).isSameAs(inner);
    }

    @Test
    void refusesToWrapNothing() {
        assertThatThrownBy(() -> new ForwardingProcessor(null) {
                    @Override
                    public void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) {}
                })
                .isInstanceOf(NullPointerException.class)
                .hasMessage("delegate");
    }

    @Test
    void batchProcessorTakesOneRecordAsABatchOfOne() throws Exception {
        List<String> batches = new ArrayList<>();
        BatchProcessor processor = (partition, records, sink) -> batches.add(
                partition + " " + records.stream().map(ConsumerRecord::offset).toList());

        processor.process(record(7), r -> {});
        processor.processBatch(TP, List.of(record(8), record(9)), r -> {});

        assertThat(batches).containsExactly("orders-3 [7]", "orders-3 [8, 9]");
    }
}
