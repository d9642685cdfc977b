package io.shadowscale.testkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.processor.RecordSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ForwardingProcessorTest {
    private static final TopicPartition IN_0 = new TopicPartition("in", 0);

    /** Writes what it is called with. */
    private static final class Recording implements RecordProcessor {
        final List<String> calls = new ArrayList<>();

        @Override
        public void partitionsStarted(Collection<TopicPartition> partitions) {
            calls.add("started " + partitions);
        }

        @Override
        public void process(ConsumerRecord<byte[], byte[]> record, RecordSink sink) {
            calls.add("process " + record.offset());
            sink.send(new ProducerRecord<>("out", record.value()));
        }

        @Override
        public Optional<String> notReadyReason() {
            return Optional.of("not yet");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset) {
        return new ConsumerRecord<>("in", 0, offset, null, new byte[] {(byte) offset});
    }

    @Test
    void everyCallReachesTheWrappedProcessor() throws Exception {
        Recording inner = new Recording();
        ForwardingProcessor outer = new ForwardingProcessor(inner) { };
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();

        outer.partitionsStarted(List.of(IN_0));
        outer.processBatch(IN_0, List.of(record(4), record(5)), sent::add);
        outer.process(record(6), sent::add);
        outer.close();

        assertThat(inner.calls).containsExactly("started [in-0]", "process 4", "process 5", "process 6", "close");
        assertThat(sent).hasSize(3);
        assertThat(outer.notReadyReason()).contains("not yet");
    }

    @Test
    void oneRecordGoesTheBatchWayAsABatchOfOne() throws Exception {
        List<String> batches = new ArrayList<>();
        ForwardingProcessor outer = new ForwardingProcessor(new Recording()) {
            @Override
            public void processBatch(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records,
                                     RecordSink sink) throws Exception {
                batches.add(partition + " x" + records.size());
                super.processBatch(partition, records, sink);
            }
        };

        outer.process(record(7), r -> { });

        assertThat(batches).containsExactly("in-0 x1");
    }
}
