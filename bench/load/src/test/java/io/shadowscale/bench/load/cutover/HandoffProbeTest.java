package io.shadowscale.bench.load.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandoffProbeTest {
    private static long ms(long ms) {
        return ms * 1_000_000L;
    }

    @Test
    void recordsTheLatestStopAndStartAndTheFirstRecordAfterIt() {
        HandoffProbe probe = new HandoffProbe(2);
        probe.processed(0, ms(100), ms(99));
        probe.processed(0, ms(110), ms(109));
        probe.stopped(0, ms(115));
        probe.started(0, ms(140));
        probe.processed(0, ms(150), ms(112));
        probe.processed(0, ms(151), ms(113));

        assertThat(probe.snapshot().get(0))
                .isEqualTo(new HandoffProbe.PartitionHandoff(0, ms(110), ms(115), ms(140), ms(150)));
        assertThat(probe.snapshot().get(0).complete()).isTrue();
        assertThat(probe.snapshot().get(1).complete()).isFalse();
    }

    @Test
    void keepsGapsOfAtLeastTheThresholdWithTheirEnd() {
        HandoffProbe probe = new HandoffProbe(1);
        probe.processed(0, ms(100), ms(99));
        probe.processed(0, ms(119), ms(101)); // waited 19 ms: below the threshold
        probe.processed(0, ms(200), ms(190)); // nothing was waiting from 119 to 190: gap 10 ms
        probe.processed(0, ms(260), ms(201)); // sent at 201, previous processed at 200: gap 59 ms

        assertThat(probe.gapsEndingBetween(0, ms(1_000))).containsExactly(new HandoffProbe.Gap(0, ms(260), ms(59)));
        assertThat(probe.gapsEndingBetween(ms(261), ms(1_000))).isEmpty();
    }
}
