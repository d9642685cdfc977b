package io.shadowscale.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.localkafka.LocalKafkaExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A scaler whose Kafka login is refused stops at once with exit code 1 and a clear, redacted error. */
class ScalerMainSaslIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA =
            new LocalKafkaExtension(LocalKafka.builder().scramUser("scaler", "scaler-pass-1"));

    @Test
    void aWrongPasswordStopsTheStartWithAClearErrorAndExitCode1() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of(
                "SHADOWSCALE_BOOTSTRAP_SERVERS",
                KAFKA.kafka().saslBootstrapServers(),
                "SHADOWSCALE_KAFKA_SECURITY_PROTOCOL",
                "SASL_PLAINTEXT",
                "SHADOWSCALE_KAFKA_SASL_MECHANISM",
                LocalKafka.SCRAM_MECHANISM,
                "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG",
                LocalKafka.scramJaasConfig("scaler", "wrong-pass-9"),
                "SHADOWSCALE_ENVIRONMENT",
                "sasl-bad");
        long started = System.nanoTime();

        int code = assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> ScalerMain.run(
                        env,
                        List.of("--grpc-port=0", "--admin-port=0"),
                        new PrintStream(err, true, StandardCharsets.UTF_8)));

        assertThat(code).isEqualTo(ScalerMain.EXIT_START_FAILED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("shadowscale scaler: cannot start: ")
                .contains("SaslAuthenticationException", "Authentication failed", "SCRAM-SHA-512")
                .doesNotContain("wrong-pass-9");
    }
}
