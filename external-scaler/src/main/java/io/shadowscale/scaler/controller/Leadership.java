package io.shadowscale.scaler.controller;

import java.util.function.Consumer;

/**
 * Whether this controller may walk pairs. Only the leader decides, persists and sends commands; a
 * standby serves slot targets from the state topic and, once it becomes leader, reads the topic
 * back and resumes every pair with a raised epoch. A Kubernetes Lease elector implements this
 * later; {@link #always()} is the single-controller default.
 */
public interface Leadership {
    boolean isLeader();

    /** Calls {@code listener} with the new value at every change; closing the handle stops the calls. */
    AutoCloseable onChange(Consumer<Boolean> listener);

    /** This controller is always the leader. */
    static Leadership always() {
        return new Leadership() {
            @Override
            public boolean isLeader() {
                return true;
            }

            @Override
            public AutoCloseable onChange(Consumer<Boolean> listener) {
                return () -> { };
            }
        };
    }
}
