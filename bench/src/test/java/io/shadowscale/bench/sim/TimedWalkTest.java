package io.shadowscale.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimedWalkTest {
    @Test
    void oldSizeProcessesWhileBothAreBilledUntilTheCutover() {
        TimedWalk walk = new TimedWalk(4, 10, 0.05);
        assertThat(walk.step(9)).isEqualTo(new PairWalk.Step(4, 4, 0, false));
        walk.start(10, 4, 6);
        assertThat(walk.step(10)).isEqualTo(new PairWalk.Step(4, 10, 0, false));
        assertThat(walk.step(19)).isEqualTo(new PairWalk.Step(4, 10, 0, false));
        assertThat(walk.step(20)).isEqualTo(new PairWalk.Step(6, 10, 0.05, true));
        assertThat(walk.walking()).isFalse();
        assertThat(walk.step(21)).isEqualTo(new PairWalk.Step(6, 6, 0, false));
    }

    @Test
    void refusesASecondWalkUnderWay() {
        TimedWalk walk = new TimedWalk(4, 10, 0.05);
        walk.start(0, 4, 6);
        assertThatThrownBy(() -> walk.start(1, 4, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("a walk to 6 is already under way");
    }
}
