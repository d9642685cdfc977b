package io.shadowscale.bench.jmh;

import io.shadowscale.worker.model.CommandKind;
import io.shadowscale.worker.model.CommandTable;
import io.shadowscale.worker.model.EpochGuard;
import io.shadowscale.worker.model.Reaction;
import io.shadowscale.worker.model.WorkerMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the mode switch costs the worker.
 *
 * <ul>
 *   <li>{@code perRecordGated} / {@code perRecordPlain}: one poll batch of {@link #BATCH} records over
 *       {@code partitions} partitions handed to a processor, per record: with the ACTIVE worker's
 *       gate (the poll loop hands a partition's records to the processor only if the partition was
 *       started at a barrier, and remembers the next offset per partition: the shape of
 *       {@code ConsumerLoop.process}) and without it (a plain consumer loop). The difference is the
 *       per-record price of being able to switch.</li>
 *   <li>{@code commandPath}: one control command through the epoch guard and the mode/command
 *       table (what every command costs before any Kafka call).</li>
 * </ul>
 */
public class ModeSwitchBenchmark extends HotPathBenchmark {
    static final int BATCH = 500;

    @Param({"1", "12"})
    public int partitions;

    private ConsumerRecords<byte[], byte[]> batch;
    private final Map<TopicPartition, Long> started = new HashMap<>();
    private EpochGuard guard = EpochGuard.initial();
    private long epoch;
    private int command;

    @Setup
    public void build() {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
        byte[] value = new byte[200];
        for (int i = 0; i < BATCH; i++) {
            TopicPartition tp = new TopicPartition("orders", i % partitions);
            byPartition
                    .computeIfAbsent(tp, k -> new ArrayList<>())
                    .add(new ConsumerRecord<>("orders", tp.partition(), i, null, value));
            started.put(tp, 0L);
        }
        batch = new ConsumerRecords<>(byPartition, Map.of());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void perRecordGated(Blackhole processor) {
        for (TopicPartition tp : batch.partitions()) {
            if (!started.containsKey(tp)) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> records = batch.records(tp);
            for (ConsumerRecord<byte[], byte[]> record : records) {
                processor.consume(record);
            }
            started.put(tp, records.get(records.size() - 1).offset() + 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void perRecordPlain(Blackhole processor) {
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            processor.consume(record);
        }
    }

    @Benchmark
    public Reaction commandPath() {
        WorkerMode mode = WorkerMode.values()[command & 3];
        CommandKind kind = CommandKind.values()[command % CommandKind.values().length];
        command++;
        if ((command & 15) == 0) {
            epoch++;
        }
        if (!guard.admits(epoch)) {
            return null;
        }
        guard = guard.observe(epoch);
        return CommandTable.react(mode, kind);
    }
}
