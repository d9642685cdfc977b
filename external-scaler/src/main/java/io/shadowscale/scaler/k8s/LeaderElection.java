package io.shadowscale.scaler.k8s;

import java.util.function.Consumer;

/**
 * Whether this scaler replica is the one that walks cutovers. Several replicas may serve KEDA's
 * gRPC calls; only the leader decides and sends commands. Adapt to the controller's seam with
 * {@link #isLeader()} and {@link #addListener(Consumer)}.
 */
public interface LeaderElection extends AutoCloseable {

    /** Starts campaigning (idempotent). A standalone election becomes leader here at once. */
    void start();

    /** Whether this replica leads now. */
    boolean isLeader();

    /**
     * Calls {@code listener} with {@code true} when this replica starts leading and {@code false}
     * when it stops. A listener added while leading is called with {@code true} at once.
     */
    void addListener(Consumer<Boolean> listener);

    /** Stops campaigning and gives the lease up if held (so a standby takes over without waiting). */
    @Override
    void close();

    /** The election of a scaler that runs alone (local demo, leader election disabled): always leads. */
    static LeaderElection standalone() {
        return new StandaloneLeaderElection();
    }
}
