package io.shadowscale.bench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoakTargetsTest {
    @Test
    void workersSitOnTheSeatsOfTheirSlotOldestFirst() {
        List<SoakTargets.Worker> running = List.of(
                new SoakTargets.Worker("soak-1-green-5", 105),
                new SoakTargets.Worker("soak-1-blue-4", 104),
                new SoakTargets.Worker("soak-1-green-10", 110),
                new SoakTargets.Worker("soak-1-blue-3", 103),
                new SoakTargets.Worker("odd", 7));

        assertThat(SoakTargets.seats(running))
                .containsExactly(
                        new ResourceSampler.Target("blue 1", 103, false),
                        new ResourceSampler.Target("blue 2", 104, false),
                        new ResourceSampler.Target("green 1", 105, false),
                        new ResourceSampler.Target("green 2", 110, false),
                        new ResourceSampler.Target("odd", 7, false));
    }
}
