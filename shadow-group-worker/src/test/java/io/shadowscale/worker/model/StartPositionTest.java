package io.shadowscale.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StartPositionTest {
    @Test
    void committedOffsetAheadOfTheBarrierIsProgressOfThisActivation() {
        assertThat(StartPosition.decide(OptionalLong.of(120), OptionalLong.of(100)))
                .isEqualTo(new StartPosition.At(120, "committed"));
    }

    @Test
    void committedOffsetBehindTheBarrierIsLeftFromAnEarlierActivation() {
        assertThat(StartPosition.decide(OptionalLong.of(40), OptionalLong.of(100)))
                .isEqualTo(new StartPosition.At(100, "barrier"));
    }

    @Test
    void onlyCommittedStartsThere() {
        assertThat(StartPosition.decide(OptionalLong.of(7), OptionalLong.empty()))
                .isEqualTo(new StartPosition.At(7, "committed"));
    }

    @Test
    void onlyBarrierStartsThere() {
        assertThat(StartPosition.decide(OptionalLong.empty(), OptionalLong.of(9)))
                .isEqualTo(new StartPosition.At(9, "barrier"));
    }

    @Test
    void nothingKnownStaysPaused() {
        StartPosition decision = StartPosition.decide(OptionalLong.empty(), OptionalLong.empty());
        assertThat(decision).isEqualTo(new StartPosition.Paused());
        assertThat(decision.startOffset()).isEmpty();
    }
}
