package io.shadowscale.worker.example;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The record value the bench and the tests produce: an 8-byte sequence number, the 8-byte send
 * time in epoch microseconds, then zero padding up to the record size (big-endian).
 *
 * <pre>
 *   0        8        16                 size
 *   | seq    | sentUs | 0 0 0 ... padding |
 * </pre>
 */
public record SequencedPayload(long sequence, long sentAtMicros) {
    /** The smallest record: sequence and timestamp, no padding. */
    public static final int MIN_SIZE = 16;

    /** Encodes into a new array of {@code size} bytes (at least {@link #MIN_SIZE}). */
    public byte[] encode(int size) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("payload size must be >= " + MIN_SIZE + ", was " + size);
        }
        byte[] bytes = new byte[size];
        ByteBuffer.wrap(bytes).putLong(sequence).putLong(sentAtMicros);
        return bytes;
    }

    /** Decodes a value; empty if it is too short to be a sequenced payload. */
    public static Optional<SequencedPayload> decode(byte[] value) {
        if (value == null || value.length < MIN_SIZE) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(value);
        return Optional.of(new SequencedPayload(buffer.getLong(), buffer.getLong()));
    }
}
