package io.shadowscale.scaler.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ControllerSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ControllerSettings s = ControllerSettings.defaults();

        assertThat(s.toString())
                .isEqualTo("ControllerSettings[controllerId=shadowscale-controller, "
                        + "tickInterval=PT0.5S, staleAfter=PT10S, sessionTimeout=PT45S, metricsInterval=PT5S, "
                        + "partitionsRefresh=PT30S, controlPartitions=6, createTopics=true, handoff=PLANNED]");
    }

    @Test
    void toBuilderKeepsEveryValueAndChangesOnlyTheNamedOnes() {
        ControllerSettings fence = ControllerSettings.builder()
                .controllerId("scaler-0")
                .tickInterval(Duration.ofMillis(200))
                .staleAfter(Duration.ofSeconds(3))
                .sessionTimeout(Duration.ofSeconds(10))
                .metricsInterval(Duration.ofSeconds(1))
                .partitionsRefresh(Duration.ofSeconds(7))
                .controlPartitions(1)
                .createTopics(false)
                .handoff(ControllerSettings.Handoff.FENCE)
                .build();

        ControllerSettings renamed = fence.toBuilder().controllerId("scaler-1").build();

        assertThat(renamed.toString())
                .isEqualTo("ControllerSettings[controllerId=scaler-1, "
                        + "tickInterval=PT0.2S, staleAfter=PT3S, sessionTimeout=PT10S, metricsInterval=PT1S, "
                        + "partitionsRefresh=PT7S, controlPartitions=1, createTopics=false, handoff=FENCE]");
    }

    @Test
    void rejectsADurationThatIsNotPositive() {
        assertThatThrownBy(() ->
                        ControllerSettings.builder().staleAfter(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("controller durations must be > 0, got PT0S");
    }

    @Test
    void rejectsNoControlPartitions() {
        assertThatThrownBy(
                        () -> ControllerSettings.builder().controlPartitions(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("controlPartitions must be >= 1, was 0");
    }

    @Test
    void aMissingValueFailsInTheRecordWithItsMessage() {
        assertThatThrownBy(() -> ControllerSettings.builder().tickInterval(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("controller durations must be > 0, got null");
        assertThatThrownBy(() -> ControllerSettings.builder().controllerId(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("controllerId");
    }
}
