package io.shadowscale.scaler.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One look at a pair's traffic, as the policy sees it.
 *
 * @param at when it was taken
 * @param partitions partitions of all the pair's topics together (the cap on useful workers)
 * @param replicas workers of the active slot now
 * @param inputRate records per second appended to the topics (from log-end offsets)
 * @param processedRate records per second the active group committed (from committed offsets)
 * @param lag records appended but not yet committed by the active group
 */
public record Observation(Instant at, int partitions, int replicas, double inputRate, double processedRate, long lag) {
    public Observation {
        Objects.requireNonNull(at, "at");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        if (replicas < 0 || inputRate < 0 || processedRate < 0 || lag < 0) {
            throw new IllegalArgumentException("observation values must be >= 0: replicas=" + replicas + " inputRate="
                    + inputRate + " processedRate=" + processedRate + " lag=" + lag);
        }
    }
}
