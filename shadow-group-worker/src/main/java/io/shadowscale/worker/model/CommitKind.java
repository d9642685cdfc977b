package io.shadowscale.worker.model;

/** What a worker commits, as its commit latency metric labels it. */
public enum CommitKind {
    /** Consumer offsets committed to the slot's group (at least once: periodic, at a release, at a fence). */
    OFFSETS("offsets"),
    /** Exactly-once: one partition's transaction (its output and its next offset) committed. */
    TRANSACTION("transaction");

    private final String label;

    CommitKind(String label) {
        this.label = label;
    }

    /** The metric's label value. */
    public String label() {
        return label;
    }
}
