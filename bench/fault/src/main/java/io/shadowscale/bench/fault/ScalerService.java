package io.shadowscale.bench.fault;

import io.shadowscale.control.PairKey;
import java.util.Optional;

/**
 * The scaler as the fault harness reaches it: one gRPC port for the local KEDA stand-in, the admin
 * endpoint for reads and the operator endpoint for requests. Either one process
 * ({@link ScalerProcess}) or replicas electing a leader on a Lease ({@link ElectedScalers}), where
 * every call goes to the replica that leads.
 */
interface ScalerService extends AutoCloseable {
    /** Starts what is not running (the first time: everything). */
    ScalerService start();

    /** SIGKILL of the process that leads (the only one, for a single process). */
    void kill();

    /** Whether the process that leads runs. */
    boolean alive();

    /** The port the KEDA stand-in polls. */
    int grpcPort();

    /** Lines containing {@code text} over the logs of every scaler process started. */
    long countInLogs(String text);

    /** The pair as the admin endpoint shows it; empty while no scaler answers or it does not know the pair. */
    Optional<PairView> pair(PairKey pair);

    /** {@code POST /pairs/{ns}/{name}/<action>} on the operator endpoint; the body. */
    String post(PairKey pair, String action);

    /** Stops every process (SIGTERM, then SIGKILL). */
    @Override
    void close();
}
