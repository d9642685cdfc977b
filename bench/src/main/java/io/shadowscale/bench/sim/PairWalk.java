package io.shadowscale.bench.sim;

/**
 * The seam where the pair's walk (warm the idle slot, cut over, drain the old one) meets the
 * simulator. {@link TimedWalk} is the stand-in; the pair controller's state machine can replace it
 * by implementing these three calls.
 */
public interface PairWalk {
    /** Starts walking the pair from {@code from} to {@code to} workers at {@code second}. */
    void start(int second, int from, int to);

    /** Whether a walk is under way (the policy is not consulted then). */
    boolean walking();

    /** The pair during {@code second}; called once per second, in order. */
    Step step(int second);

    /**
     * @param activeWorkers workers processing during the second (the old size until the cutover)
     * @param billedWorkers workers running: both slots while the new one warms up
     * @param gapSeconds processing time lost to the cutover during this second
     * @param cutover whether the cutover happened in this second
     */
    record Step(int activeWorkers, int billedWorkers, double gapSeconds, boolean cutover) {
    }
}
