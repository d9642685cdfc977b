package io.shadowscale.worker.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.common.Partition;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HandoffGapTest {
    private static final Partition P = new Partition("orders", 3);

    @Test
    void gapRunsFromTheOldOwnersStopToTheStart() {
        Instant started = Instant.ofEpochMilli(1_700_000_000_000L).plusNanos(250_000);
        assertThat(HandoffGap.between(P, 7, 1_699_999_999_880L, started))
                .isEqualTo(new HandoffGap(P, 7, Duration.ofNanos(120_250_000)));
    }

    @Test
    void aStartThatLooksEarlierThanTheStopBecauseOfClockSkewIsAZeroGap() {
        assertThat(HandoffGap.between(P, 7, 1_700_000_000_010L, Instant.ofEpochMilli(1_700_000_000_000L)))
                .isEqualTo(new HandoffGap(P, 7, Duration.ZERO));
    }

    @Test
    void rejectsANegativeGap() {
        assertThatThrownBy(() -> new HandoffGap(P, 7, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gap of orders-3 is negative: PT-0.001S");
    }
}
