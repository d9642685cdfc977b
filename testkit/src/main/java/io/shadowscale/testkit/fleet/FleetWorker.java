package io.shadowscale.testkit.fleet;

/**
 * One running member of a {@link SlotFleet}: what a pod is to a Deployment. {@link #close()} is
 * a graceful stop (an ACTIVE worker stops, commits, reports and leaves its group), bounded by the
 * worker's shutdown timeout.
 */
public interface FleetWorker extends AutoCloseable {
    /** The worker id ({@code <pair>-<slot>-<k>}), as it appears in status messages. */
    String workerId();

    /** Whether the worker still runs (false once closed or failed). */
    boolean alive();

    @Override
    void close();
}
