package io.shadowscale.worker.model;

import java.util.OptionalLong;

/**
 * Where a partition starts when a worker begins to process it. Slot groups never rely on
 * {@code auto.offset.reset} (it is {@code none}): a partition starts at a known offset or not at all.
 */
public sealed interface StartPosition {
    /** Start processing at {@code offset}; {@code source} says where the offset came from. */
    record At(long offset, String source) implements StartPosition {
        public At {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must be >= 0, was " + offset);
            }
        }
    }

    /** No offset known: keep the partition paused until a barrier names one. */
    record Paused() implements StartPosition {}

    /**
     * A partition assigned to an ACTIVE worker (or started at a barrier): the later of the group's
     * committed offset and the last barrier offset known for it. A committed offset below the
     * barrier is left from an earlier activation of this slot; one above it is progress made in
     * this activation by another member. Neither known: paused.
     */
    static StartPosition decide(OptionalLong committed, OptionalLong barrier) {
        if (committed.isPresent() && barrier.isPresent()) {
            return committed.getAsLong() >= barrier.getAsLong()
                    ? new At(committed.getAsLong(), "committed")
                    : new At(barrier.getAsLong(), "barrier");
        }
        if (committed.isPresent()) {
            return new At(committed.getAsLong(), "committed");
        }
        if (barrier.isPresent()) {
            return new At(barrier.getAsLong(), "barrier");
        }
        return new Paused();
    }

    /** The offset, if it starts. */
    default OptionalLong startOffset() {
        return this instanceof At at ? OptionalLong.of(at.offset()) : OptionalLong.empty();
    }
}
