package io.shadowscale.scaler.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The generated builders check nothing themselves: a bad value fails in the record, with its message. */
class GeneratedBuildersTest {
    private static final PairKey PAIR = new PairKey("shop", "orders");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void pairStateBuilderStartsFromTheDefaultsOfANewPair() {
        PairState s = PairState.builder(PAIR, T).build();

        assertThat(s.phase()).isEqualTo(PairPhase.STARTING);
        assertThat(s.epoch()).isEqualTo(1);
        assertThat(s.commandId()).isEqualTo(1);
        assertThat(s.active()).isEqualTo(SlotName.BLUE);
        assertThat(s.step()).isEqualTo(CutoverStep.NONE);
        assertThat(s.memory()).isEqualTo(PolicyMemory.INITIAL);
        assertThat(s.reason()).isEmpty();
        assertThat(s.walkStartedAt()).isNull();
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void pairStateBuilderLeavesTheChecksToTheRecord() {
        assertThatThrownBy(() -> PairState.builder(PAIR, T).phase(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("phase");
        assertThatThrownBy(() -> PairState.builder(PAIR, T).epoch(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("epoch and commandId must be >= 1, were 0 and 1");
    }

    @Test
    void policySettingsBuilderStartsFromTheDefaultsAndLeavesTheChecksToTheRecord() {
        assertThat(PolicySettings.builder().build()).isEqualTo(PolicySettings.DEFAULTS);
        assertThat(PolicySettings.DEFAULTS.withForecast(false).toBuilder()
                        .forecast(true)
                        .build())
                .isEqualTo(PolicySettings.DEFAULTS);
        assertThatThrownBy(() -> PolicySettings.builder().lagTarget(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lagTarget must be > 0, was null");
        assertThatThrownBy(() -> PolicySettings.builder()
                        .scaleUpDelay(Duration.ofSeconds(-1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scaleUpDelay must be >= 0, was PT-1S");
    }
}
