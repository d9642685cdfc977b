package io.shadowscale.worker.kafka;

import io.shadowscale.worker.model.CommitKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;

/**
 * Times the worker's commits where they happen and tells the observers (the metrics) of each one
 * that succeeded, on the committing thread (the poll loop). A synchronous commit is timed around the
 * call; an asynchronous one from the call to its callback, which the consumer runs in a later poll
 * of the loop, so its time includes the wait for that poll.
 */
public final class CommitTimes {
    /** A commit that may fail with an exception (which is passed on, and not observed). */
    @FunctionalInterface
    interface Commit<E extends Exception> {
        void run() throws E;
    }

    private final Clock clock;
    private final List<BiConsumer<CommitKind, Duration>> observers = new CopyOnWriteArrayList<>();

    CommitTimes(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Calls {@code observer} with every successful commit from now on; it must be quick and must not throw. */
    public void observe(BiConsumer<CommitKind, Duration> observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** Runs {@code commit} and, when it returns, tells the observers how long it took. */
    <E extends Exception> void timed(CommitKind kind, Commit<E> commit) throws E {
        Instant start = clock.instant();
        commit.run();
        committed(kind, start);
    }

    /**
     * The callback of an asynchronous offset commit issued now: a success is observed, then
     * {@code then} (null for none) is called as the consumer would have.
     */
    OffsetCommitCallback async(OffsetCommitCallback then) {
        Instant start = clock.instant();
        return (offsets, error) -> {
            if (error == null) {
                committed(CommitKind.OFFSETS, start);
            }
            if (then != null) {
                then.onComplete(offsets, error);
            }
        };
    }

    private void committed(CommitKind kind, Instant start) {
        Duration took = Duration.between(start, clock.instant());
        for (BiConsumer<CommitKind, Duration> observer : observers) {
            observer.accept(kind, took);
        }
    }
}
