package io.shadowscale.scaler.controller;

import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.model.ScaleDecision;
import io.shadowscale.scaler.model.ScalingPolicy;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-only policy: holds, unless a test set a size it should want; counts its calls. */
final class ScriptedPolicy implements ScalingPolicy {
    volatile int want;
    final AtomicInteger calls = new AtomicInteger();
    volatile Observation lastObservation;

    @Override
    public PolicyOutcome decide(Observation observation, PolicySettings settings, PolicyMemory memory) {
        calls.incrementAndGet();
        lastObservation = observation;
        if (want > 0 && want != observation.replicas()) {
            return new PolicyOutcome(
                    ScaleDecision.resize(want, "scripted: want " + want),
                    new PolicyMemory(memory.learnedCapacity(), 0, null, observation.at()));
        }
        return new PolicyOutcome(ScaleDecision.hold(observation.replicas(), "scripted: hold"), memory);
    }
}
