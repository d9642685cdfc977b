package io.shadowscale.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The members of an in-place group scenario: one thread per member, added at the end and removed
 * from the end, a leaving member told to stop and joined within its close timeout.
 *
 * @param <M> the scenario's member type
 */
final class MemberPool<M extends MemberPool.Member> {
    /** A member: its thread runs until {@link #running} turns false, then closes its consumer. */
    abstract static class Member implements Runnable {
        final Thread thread;
        volatile boolean running = true;

        Member(String name) {
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }
    }

    private final List<M> members = new ArrayList<>();
    private final Function<Integer, M> factory;
    private final Duration closeTimeout;
    private int nextId;

    /** @param factory makes the member with the given sequence number (not started) */
    MemberPool(Function<Integer, M> factory, Duration closeTimeout) {
        this.factory = factory;
        this.closeTimeout = closeTimeout;
    }

    /** Starts or stops members until there are {@code count}; returns after the leaving ones closed. */
    void scale(int count) throws InterruptedException {
        List<M> leaving = new ArrayList<>();
        synchronized (this) {
            while (members.size() < count) {
                M m = factory.apply(nextId++);
                members.add(m);
                m.thread.start();
            }
            while (members.size() > count) {
                leaving.add(members.remove(members.size() - 1));
            }
        }
        for (M m : leaving) {
            m.running = false;
        }
        for (M m : leaving) {
            m.thread.join(closeTimeout.toMillis() + 5_000);
        }
    }

    synchronized int size() {
        return members.size();
    }

    /** A copy of the current members. */
    synchronized List<M> snapshot() {
        return List.copyOf(members);
    }
}
