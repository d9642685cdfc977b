package io.shadowscale.bench.jmh;

import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.model.policy.ThroughputPolicy;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One decision of the throughput policy (the function the controller calls for each steady pair
 * every metrics interval, and the simulator every simulated step), over a ring of observations
 * that makes it grow, hold and wait to shrink, so every branch is taken.
 */
public class PolicyBenchmark extends HotPathBenchmark {
    @Param({"12", "96"})
    public int partitions;

    private final ThroughputPolicy policy = new ThroughputPolicy();
    private final PolicySettings settings = PolicySettings.DEFAULTS;
    private Observation[] ring;
    private PolicyMemory memory = PolicyMemory.INITIAL;
    private int next;

    @Setup
    public void build() {
        ring = new Observation[64];
        Instant t0 = Instant.parse("2026-11-25T00:00:00Z");
        for (int i = 0; i < ring.length; i++) {
            double rate = 20_000 + 100_000 * Math.abs(Math.sin(i / 10.0));
            long lag = (i % 7 == 0) ? 200_000 : 5_000;
            ring[i] = new Observation(t0.plusSeconds(5L * i), partitions, 1 + i % 6, rate, rate * 0.98, lag);
        }
    }

    @Benchmark
    public PolicyOutcome decide() {
        Observation o = ring[next];
        next = (next + 1) % ring.length;
        PolicyOutcome outcome = policy.decide(o, settings, memory);
        memory = next == 0 ? PolicyMemory.INITIAL : outcome.memory();
        return outcome;
    }
}
