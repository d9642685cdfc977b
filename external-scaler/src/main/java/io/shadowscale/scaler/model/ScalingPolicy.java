package io.shadowscale.scaler.model;

/**
 * Decides the size of a pair. A pure function of (observation, settings, memory): the same code
 * runs live in the controller, in unit tests with a fake clock and in the 24-hour cost simulator.
 * Called only while the pair is steady; a walk in progress is never resized.
 */
@FunctionalInterface
public interface ScalingPolicy {
    PolicyOutcome decide(Observation observation, PolicySettings settings, PolicyMemory memory);
}
