package io.shadowscale.demo;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which sequence numbers were processed, in one bit each (lock-free, about 1.2 MB per 10 million):
 * a second sighting counts as a duplicate. {@link #missing(long)} counts those never seen below the
 * number produced.
 */
public final class SequenceTally {
    private final AtomicLongArray bits;
    private final long capacity;
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong outOfRange = new AtomicLong();

    public SequenceTally(long capacity) {
        if (capacity < 1 || capacity > 64L * Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "capacity must be in [1, " + 64L * Integer.MAX_VALUE + "], was " + capacity);
        }
        this.capacity = capacity;
        this.bits = new AtomicLongArray((int) ((capacity + 63) / 64));
    }

    /** Marks {@code sequence} processed; false (and counted) if it was already. */
    public boolean mark(long sequence) {
        if (sequence < 0 || sequence >= capacity) {
            outOfRange.incrementAndGet();
            return false;
        }
        int word = (int) (sequence >>> 6);
        long bit = 1L << (sequence & 63);
        while (true) {
            long old = bits.get(word);
            if ((old & bit) != 0) {
                duplicates.incrementAndGet();
                return false;
            }
            if (bits.compareAndSet(word, old, old | bit)) {
                return true;
            }
        }
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long outOfRange() {
        return outOfRange.get();
    }

    /** Sequence numbers in {@code 0 .. produced-1} never marked. */
    public long missing(long produced) {
        long seen = 0;
        long full = Math.min(produced, capacity) / 64;
        for (int i = 0; i < full; i++) {
            seen += Long.bitCount(bits.get(i));
        }
        for (long s = full * 64; s < Math.min(produced, capacity); s++) {
            if ((bits.get((int) (s >>> 6)) & (1L << (s & 63))) != 0) {
                seen++;
            }
        }
        return produced - seen;
    }
}
