package io.shadowscale.bench.load;

import java.nio.ByteBuffer;

/**
 * The load record's value: an 8-byte sequence number, an 8-byte send time in epoch microseconds
 * (both big-endian), then zero padding up to the record size. The same layout as the worker's
 * {@code SequencedPayload}, kept in this one class so it can be swapped for it.
 */
public final class Payload {
    /** Bytes taken by the sequence number and the send time. */
    public static final int HEADER_BYTES = 16;

    private Payload() {}

    /** A value of {@code size} bytes (at least {@link #HEADER_BYTES}). */
    public static byte[] encode(long sequence, long sendEpochMicros, int size) {
        if (size < HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "record size " + size + " is below the " + HEADER_BYTES + "-byte header");
        }
        byte[] value = new byte[size];
        ByteBuffer.wrap(value).putLong(sequence).putLong(sendEpochMicros);
        return value;
    }

    public static long sequence(byte[] value) {
        check(value);
        return ByteBuffer.wrap(value).getLong(0);
    }

    public static long sendEpochMicros(byte[] value) {
        check(value);
        return ByteBuffer.wrap(value).getLong(8);
    }

    private static void check(byte[] value) {
        if (value == null || value.length < HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "not a load payload: " + (value == null ? "null" : value.length + " bytes"));
        }
    }
}
