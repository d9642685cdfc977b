package io.shadowscale.bench.load.cutover;

import io.shadowscale.testkit.fleet.OutputTap;
import io.shadowscale.worker.processor.BatchProcessor;
import io.shadowscale.worker.processor.ForwardingProcessor;
import io.shadowscale.worker.processor.RecordSink;
import io.shadowscale.worker.sidecar.SidecarProcessor;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The cutover scenario's processor with {@code --processor node}: the worker runs in sidecar mode
 * and hands its records to a Node.js application ({@code examples/node-processor}), which answers
 * each batch with an ack carrying one output per record. An input record counts as processed when
 * the ack with its output reaches the worker: then the {@link SinkProcessor} (without a busy-spin
 * cost; the Node application runs its own transformation) records it for the harness and the
 * {@link HandoffProbe}, the way the demo counts the Node outputs. Partition starts go to the probe
 * before the sidecar, stops after it (once the application acked what it was sent).
 */
final class SidecarSinkProcessor extends ForwardingProcessor implements BatchProcessor {
    private final SinkProcessor recorder;

    /** @param recorder records each acked input record, and partition starts and stops */
    SidecarSinkProcessor(SidecarProcessor sidecar, SinkProcessor recorder) {
        super(new OutputTap(sidecar, (context, input, output) -> recorder.process(input, ignored -> {})));
        this.recorder = recorder;
    }

    @Override
    public void processBatch(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, RecordSink sink)
            throws Exception {
        delegate().processBatch(partition, records, sink);
    }

    @Override
    public void partitionsStarted(Collection<TopicPartition> partitions) {
        recorder.partitionsStarted(partitions);
        super.partitionsStarted(partitions);
    }

    @Override
    public void partitionsStopped(Collection<TopicPartition> partitions) {
        super.partitionsStopped(partitions);
        recorder.partitionsStopped(partitions);
    }
}
