package io.shadowscale.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WorkerMainTest {
    @Test
    void badConfigurationPrintsEveryProblem() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        boolean ok = WorkerMain.configure(Map.of("SHADOWSCALE_SLOT", "red", "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG", ""),
                new PrintStream(err, true, StandardCharsets.UTF_8)).isPresent();
        assertThat(ok).isFalse();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                invalid worker configuration:
                  SHADOWSCALE_BOOTSTRAP_SERVERS: required, not set
                  SHADOWSCALE_TOPICS: required, not set
                  SHADOWSCALE_PAIR_NAMESPACE: required, not set (nor POD_NAMESPACE)
                  SHADOWSCALE_PAIR_NAME: required, not set
                  SHADOWSCALE_SLOT='red': must be one of blue, green
                  SHADOWSCALE_WORKER_ID: required, not set (nor HOSTNAME)
                  SHADOWSCALE_OUTPUT_TOPIC: required by SHADOWSCALE_PROCESSOR=io.shadowscale.worker.processor.ExampleProcessor, not set
                """);
    }

    @Test
    void goodConfigurationIsReturned() {
        assertThat(WorkerMain.configure(Map.of("SHADOWSCALE_BOOTSTRAP_SERVERS", "k:9092", "SHADOWSCALE_TOPICS", "t",
                "POD_NAMESPACE", "ns", "SHADOWSCALE_PAIR_NAME", "p", "SHADOWSCALE_SLOT", "blue", "HOSTNAME", "h",
                "SHADOWSCALE_OUTPUT_TOPIC", "o"), System.err)).get().extracting(WorkerConfig::groupId)
                .isEqualTo("shadowscale.ns.p.blue");
    }
}
