package io.shadowscale.bench.jmh;

import io.shadowscale.control.ControlCodec;
import io.shadowscale.control.proto.Barrier;
import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.PairId;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.Slot;
import io.shadowscale.control.proto.TopicPartition;
import io.shadowscale.control.proto.WorkerMode;
import io.shadowscale.control.proto.WorkerStatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Encode and decode of the two control messages that grow with the partition count: the barrier
 * the controller publishes (one offset per partition) and a worker's status after a fence (its
 * assignment, positions and stop offsets). {@code partitions} is the pair's partition count; the
 * status carries a quarter of them (one of four workers).
 */
public class ControlCodecBenchmark extends HotPathBenchmark {
    @Param({"12", "96", "384"})
    public int partitions;

    private ControlEnvelope barrier;
    private ControlEnvelope status;
    private byte[] barrierBytes;
    private byte[] statusBytes;

    @Setup
    public void build() {
        Barrier.Builder offsets = Barrier.newBuilder();
        for (int p = 0; p < partitions; p++) {
            offsets.addOffsets(offset(p));
        }
        barrier = envelope("controller-1")
                .setCommand(
                        Command.newBuilder().setSlot(Slot.GREEN).setCommandId(7).setBarrier(offsets))
                .build();
        WorkerStatus.Builder s = WorkerStatus.newBuilder()
                .setSlot(Slot.BLUE)
                .setWorkerId("orders-blue-0")
                .setMode(WorkerMode.DRAINING)
                .setReady(true)
                .setRecordsProcessed(123_456_789)
                .setAnswersCommandId(6);
        for (int p = 0; p < partitions; p += 4) {
            s.addAssigned(TopicPartition.newBuilder().setTopic("orders").setPartition(p));
            s.addPositions(offset(p));
            s.addStopOffsets(offset(p));
        }
        status = envelope("orders-blue-0").setStatus(s).build();
        barrierBytes = ControlCodec.encode(barrier);
        statusBytes = ControlCodec.encode(status);
    }

    /** Partition {@code p} of {@code orders} at offset 1,000,000 + p. */
    private static PartitionOffset offset(int p) {
        return PartitionOffset.newBuilder()
                .setTopic("orders")
                .setPartition(p)
                .setOffset(1_000_000L + p)
                .build();
    }

    /** An envelope of pair shop/orders, epoch 42, from {@code sender}; its payload still to set. */
    private static ControlEnvelope.Builder envelope(String sender) {
        return ControlEnvelope.newBuilder()
                .setPair(PairId.newBuilder().setNamespace("shop").setName("orders"))
                .setEpoch(42)
                .setSender(sender);
    }

    @Benchmark
    public byte[] encodeBarrier() {
        return ControlCodec.encode(barrier);
    }

    @Benchmark
    public ControlCodec.Decoded decodeBarrier() {
        return ControlCodec.decode(barrierBytes);
    }

    @Benchmark
    public byte[] encodeStatus() {
        return ControlCodec.encode(status);
    }

    @Benchmark
    public ControlCodec.Decoded decodeStatus() {
        return ControlCodec.decode(statusBytes);
    }
}
