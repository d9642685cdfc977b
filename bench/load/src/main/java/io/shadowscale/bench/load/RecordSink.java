package io.shadowscale.bench.load;

/**
 * The recording hook every consumer side calls once per processed record, after the processor ran.
 * Thread-safe implementations only: members call it from their own threads.
 */
@FunctionalInterface
public interface RecordSink {
    /**
     * @param partition the record's partition
     * @param offset the record's offset
     * @param value the record's value, a {@link Payload}
     * @param processedAtNanos {@link System#nanoTime()} when processing finished
     */
    void record(int partition, long offset, byte[] value, long processedAtNanos);
}
