package io.shadowscale.scaler.model;

/** A decision and the memory to pass to the next one. */
public record PolicyOutcome(ScaleDecision decision, PolicyMemory memory) {}
