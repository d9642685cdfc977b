package io.shadowscale.bench.sim;

/**
 * One way of sizing the consumers, stepped one simulated second at a time by {@link Simulator}:
 * {@link #tick} says how much can be processed during the second and how many workers are paid for,
 * then {@link #observe} shows what happened (as the scaler would measure it).
 */
public interface Strategy {
    String name();

    /**
     * The workers during {@code second}. {@code inputRate} and {@code backlog} are the truth about
     * this second; only the oracle may look at them, real strategies decide from {@link #observe}.
     */
    Tick tick(int second, double inputRate, double backlog);

    /**
     * What the scaler could measure at the end of {@code second}: the input and processed rates of
     * that second and the lag of committed offsets.
     */
    void observe(int second, double inputRate, double processedRate, double committedLag);

    /** Size changes so far. */
    int scaleEvents();

    /**
     * @param capacity records this second's workers can process
     * @param billedWorkers workers running (and paid for) during the second
     * @param activeWorkers workers processing the active group's partitions
     * @param stallSeconds processing time lost this second to rebalances or cutovers, in seconds of
     *     the whole group (a 3 s stall of half the partitions counts 1.5 s)
     */
    record Tick(double capacity, int billedWorkers, int activeWorkers, double stallSeconds) {}
}
