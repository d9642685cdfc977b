package io.shadowscale.scaler.model;

/**
 * What the policy wants: keep the current size, or walk the pair to {@code replicas} workers.
 * {@code reason} explains it in one line, kept in the pair's history.
 */
public record ScaleDecision(boolean resize, int replicas, String reason) {
    public ScaleDecision {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be >= 0, was " + replicas);
        }
    }

    public static ScaleDecision hold(int replicas, String reason) {
        return new ScaleDecision(false, replicas, reason);
    }

    public static ScaleDecision resize(int replicas, String reason) {
        return new ScaleDecision(true, replicas, reason);
    }
}
