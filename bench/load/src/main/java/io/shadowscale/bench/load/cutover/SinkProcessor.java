package io.shadowscale.bench.load.cutover;

import io.shadowscale.bench.load.BusySpin;
import io.shadowscale.bench.load.Payload;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.processor.RecordSink;
import java.util.Collection;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The baselines' processor inside a Shadowscale worker: busy-spins the processing cost, then calls
 * the harness's recording hook. Also tells the {@link HandoffProbe} when partitions start and stop
 * (which is where a handoff's time goes). One instance per worker; called on its poll thread.
 *
 * <p>The worker's configuration names its processor class ({@code SHADOWSCALE_PROCESSOR}) and
 * checks that it has a public no-arg constructor; in process the {@code Worker} runs the instance
 * it is given, so the no-arg constructor exists for that check only and refuses to build one.
 */
@SuppressWarnings("checkstyle:InlineQualifiedName") // two RecordSinks: the worker's is imported
public final class SinkProcessor implements RecordProcessor {
    private final BusySpin spin;
    private final io.shadowscale.bench.load.RecordSink sink;
    private final HandoffProbe probe;
    private final NanoClock clock;

    /** Exists for the worker's configuration check; the harness's sink cannot be named by class. */
    public SinkProcessor() {
        throw new UnsupportedOperationException("SinkProcessor runs in process only, built by CutoverScenario");
    }

    SinkProcessor(int costMicros, io.shadowscale.bench.load.RecordSink sink, HandoffProbe probe, NanoClock clock) {
        this.spin = BusySpin.micros(costMicros);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void process(ConsumerRecord<byte[], byte[]> record, RecordSink output) {
        long done = spin.process();
        sink.record(record.partition(), record.offset(), record.value(), done);
        probe.processed(record.partition(), done, clock.nanosOfEpochMicros(Payload.sendEpochMicros(record.value())));
    }

    @Override
    public void partitionsStarted(Collection<TopicPartition> partitions) {
        long now = System.nanoTime();
        partitions.forEach(tp -> probe.started(tp.partition(), now));
    }

    @Override
    public void partitionsStopped(Collection<TopicPartition> partitions) {
        long now = System.nanoTime();
        partitions.forEach(tp -> probe.stopped(tp.partition(), now));
    }
}
