package io.shadowscale.bench.load.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CutoverSettingsTest {
    @Test
    void withoutPropertiesTheDefaultsHold() {
        Properties props = properties(Map.of("java.version", "17"));
        assertThat(CutoverSettings.from(props)).isEqualTo(CutoverSettings.defaults());
    }

    @Test
    void propertiesChangeTimingsAndPassKafkaPropertiesToWorkers() {
        Properties props = properties(Map.of(
                "cutover.pollTimeoutMs", "5",
                "cutover.controllerTickMs", "50",
                "cutover.kafka.fetch.max.wait.ms", "10"));

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
        Properties props = properties(Map.of(
                "cutover.pollTimeoutMs", "0",
                "cutover.statusIntervalMs", "often",
                "cutover.tick", "5"));

        assertThatThrownBy(() -> CutoverSettings.from(props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cutover.pollTimeoutMs=0 must be within [1, 1000]")
                .hasMessageContaining("cutover.statusIntervalMs=often is not a whole number")
                .hasMessageContaining("unknown cutover properties [tick]");
    }

    private static Properties properties(Map<String, String> entries) {
        Properties props = new Properties();
        props.putAll(entries);
        return props;
    }
}
