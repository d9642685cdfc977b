package io.shadowscale.bench.load.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CutoverSettingsTest {
    @Test
    void withoutPropertiesTheDefaultsHold() {
        Properties props = new Properties();
        props.setProperty("java.version", "17");
        assertThat(CutoverSettings.from(props)).isEqualTo(CutoverSettings.defaults());
    }

    @Test
    void propertiesChangeTimingsAndPassKafkaPropertiesToWorkers() {
        Properties props = new Properties();
        props.setProperty("cutover.pollTimeoutMs", "5");
        props.setProperty("cutover.controllerTickMs", "50");
        props.setProperty("cutover.kafka.fetch.max.wait.ms", "10");

        CutoverSettings s = CutoverSettings.from(props);

        assertThat(s.pollTimeoutMs()).isEqualTo(5);
        assertThat(s.controllerTick()).isEqualTo(Duration.ofMillis(50));
        assertThat(s.workerEnv())
                .containsEntry("SHADOWSCALE_POLL_TIMEOUT_MS", "5")
                .containsEntry("SHADOWSCALE_KAFKA_FETCH_MAX_WAIT_MS", "10")
                .containsEntry("SHADOWSCALE_READY_CHECK_INTERVAL_MS", "200");
    }

    @Test
    void everyBadPropertyIsNamedAtOnce() {
        Properties props = new Properties();
        props.setProperty("cutover.pollTimeoutMs", "0");
        props.setProperty("cutover.statusIntervalMs", "often");
        props.setProperty("cutover.tick", "5");

        assertThatThrownBy(() -> CutoverSettings.from(props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cutover.pollTimeoutMs=0 must be within [1, 1000]")
                .hasMessageContaining("cutover.statusIntervalMs=often is not a whole number")
                .hasMessageContaining("unknown cutover properties [tick]");
    }
}
