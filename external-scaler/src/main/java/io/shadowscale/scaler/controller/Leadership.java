package io.shadowscale.scaler.controller;

import java.util.function.Consumer;

/**
 * Whether this controller (this scaler replica) may walk pairs. Several replicas may serve KEDA's
 * gRPC calls; only the leader decides, persists and sends commands. A standby serves slot targets
 * from the state topic and, once it becomes leader, reads the topic back and resumes every pair
 * with a raised epoch.
 *
 * <p>{@link #standalone()} leads alone from {@link #start()} to {@link #close()}, {@link #always()}
 * from the start; the {@code k8s} package's {@code LeaseLeaderElection} campaigns on a Kubernetes
 * Lease. The controller only reads and follows a leadership; whoever made it starts and closes it.
 */
public interface Leadership extends AutoCloseable {

    /** Starts campaigning (idempotent). A standalone leadership leads from here at once. */
    void start();

    /** Whether this replica leads now. */
    boolean isLeader();

    /**
     * Calls {@code listener} with {@code true} when this replica starts leading and {@code false}
     * when it stops; a listener added while leading is called with {@code true} at once. Closing
     * the handle stops the calls.
     */
    AutoCloseable onChange(Consumer<Boolean> listener);

    /** Stops campaigning and gives the leadership up if held (so a standby takes over without waiting). */
    @Override
    void close();

    /** The leadership of a replica that runs alone (local demo, leader election off): leads from {@link #start()}. */
    static Leadership standalone() {
        return new StandaloneLeadership();
    }

    /** A {@link #standalone()} leadership already started: this controller is the leader. */
    static Leadership always() {
        Leadership leadership = standalone();
        leadership.start();
        return leadership;
    }
}
