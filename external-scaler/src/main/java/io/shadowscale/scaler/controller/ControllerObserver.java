package io.shadowscale.scaler.controller;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PolicyOutcome;
import java.time.Duration;

/**
 * What the pair controller tells an observer (the metrics) as it works, on the controller's
 * thread: an implementation must be quick and must not throw. The default methods do nothing.
 */
public interface ControllerObserver {
    /** Observes nothing. */
    ControllerObserver NONE = new ControllerObserver() {};

    /** The policy was asked about {@code spec}'s pair with {@code observation} and answered {@code outcome}. */
    default void decided(PairSpec spec, Observation observation, PolicyOutcome outcome) {}

    /**
     * A worker that took over {@code partition} of {@code pair} in a walk reported its handoff gap
     * (once per partition and handoff).
     */
    default void handedOver(PairKey pair, Partition partition, Duration gap) {}

    /** One synchronous write of a pair's state to the state topic took {@code took}. */
    default void stateWritten(Duration took) {}
}
