package io.shadowscale.scaler.model;

/** A manual control an operator asked for, handed to the transition as one of its inputs. */
public sealed interface OperatorRequest {
    /** Walk the pair to {@code replicas} workers now (even while paused). */
    record Resize(int replicas) implements OperatorRequest {
        public Resize {
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas must be >= 1, was " + replicas);
            }
        }
    }

    /** Give up the walk in progress (before the barrier is published). */
    record Rollback() implements OperatorRequest {}
}
