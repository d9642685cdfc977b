package io.shadowscale.testkit.sequence;

import io.shadowscale.control.SlotName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One record as the verifying processor saw it: where it came from, its sequence number, which
 * slot and worker processed it and when (monotonic nanos for in-process gaps, epoch micros for
 * out-of-process ones).
 */
public record Observation(
        int partition,
        long offset,
        long sequence,
        SlotName slot,
        String workerId,
        long processedAtNanos,
        long processedAtMicros) {
    public Observation {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(workerId, "workerId");
    }

    /** Wire form for an output topic: partition, offset, sequence, slot, times, worker id (UTF-8). */
    public byte[] encode() {
        byte[] worker = workerId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + 8 + 8 + 1 + 8 + 8 + worker.length)
                .putInt(partition)
                .putLong(offset)
                .putLong(sequence)
                .put((byte) slot.ordinal())
                .putLong(processedAtNanos)
                .putLong(processedAtMicros)
                .put(worker)
                .array();
    }

    public static Observation decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int partition = buffer.getInt();
        long offset = buffer.getLong();
        long sequence = buffer.getLong();
        SlotName slot = SlotName.values()[buffer.get()];
        long nanos = buffer.getLong();
        long micros = buffer.getLong();
        byte[] worker = new byte[buffer.remaining()];
        buffer.get(worker);
        return new Observation(
                partition, offset, sequence, slot, new String(worker, StandardCharsets.UTF_8), nanos, micros);
    }
}
