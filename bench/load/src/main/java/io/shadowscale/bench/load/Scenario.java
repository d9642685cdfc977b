package io.shadowscale.bench.load;

import java.time.Duration;

/**
 * The consumer side of a load run: something that consumes the run's topic with N members, runs the
 * processor on each record and reports it through {@link ConsumerSettings#sink()}. The harness owns
 * the broker, the topic, the producer, the clock, the scale events and the measurements; a scenario
 * only starts, resizes and stops its members.
 *
 * <p>Lifecycle, driven by the harness from one thread:
 * <pre>
 *   start(settings, initialMembers)   members join and begin consuming (from the earliest offset)
 *   awaitReady(timeout)               true once every partition is being consumed
 *   ... producer starts (second 0) ...
 *   scale(n) at each event time       resize to n members; may block while members leave
 *   ... producer stops, harness drains until every acknowledged record was seen ...
 *   stop()                            graceful, bounded close of every member
 * </pre>
 * A Shadowscale {@code cutover} scenario implements the same five calls: start the worker pair and
 * the controller, make the controller cut over to {@code n} workers in {@code scale}, and call
 * the sink from the worker's {@code RecordProcessor}.
 */
public interface Scenario {
    /** Starts {@code members} members. */
    void start(ConsumerSettings settings, int members) throws Exception;

    /** Waits until the consumer side processes every partition; false if it did not in time. */
    boolean awaitReady(Duration timeout) throws InterruptedException;

    /** Resizes to {@code members}; leaving members close gracefully before this returns. */
    void scale(int members) throws Exception;

    /** The current number of members (for the replicas series). */
    int members();

    /** Closes every member gracefully, bounded in time. */
    void stop() throws Exception;
}
