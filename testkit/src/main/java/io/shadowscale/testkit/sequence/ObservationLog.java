package io.shadowscale.testkit.sequence;

import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory, thread-safe log of observations shared by the verifying processors of several
 * in-process workers. Appends are in processing order; per partition that is processing order
 * across workers too, because a partition has one processing owner at a time and the handoff
 * orders the old owner's last append before the new owner's first.
 */
public final class ObservationLog {
    private final List<Observation> entries = new ArrayList<>();

    public synchronized void append(Observation observation) {
        entries.add(observation);
    }

    public synchronized int size() {
        return entries.size();
    }

    /** A copy of every observation so far, in append order. */
    public synchronized List<Observation> snapshot() {
        return List.copyOf(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
