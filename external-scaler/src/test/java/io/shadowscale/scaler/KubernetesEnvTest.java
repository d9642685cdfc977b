package io.shadowscale.scaler;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.scaler.config.ScalerConfig;
import io.shadowscale.scaler.k8s.KubernetesSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scaler's own settings reach the Kubernetes integration, Lease timings included. */
class KubernetesEnvTest {
    @Test
    void passesTheLeaseNameAndTimingsToTheLeaderElection() {
        ScalerConfig config = ScalerConfig.parse(
                Map.of(
                        "SHADOWSCALE_BOOTSTRAP_SERVERS", "localhost:9092",
                        "SHADOWSCALE_ENVIRONMENT", "prod",
                        "SHADOWSCALE_LEADER_ELECTION", "true",
                        "SHADOWSCALE_POD_NAMESPACE", "shadowscale",
                        "SHADOWSCALE_POD_NAME", "scaler-0",
                        "SHADOWSCALE_LEASE_NAME", "my-lease",
                        "SHADOWSCALE_LEASE_DURATION_SECONDS", "6",
                        "SHADOWSCALE_LEASE_RENEW_DEADLINE_SECONDS", "4",
                        "SHADOWSCALE_LEASE_RETRY_PERIOD_SECONDS", "1"),
                List.of());

        KubernetesSettings settings = KubernetesSettings.fromEnv(ScalerApp.kubernetesEnv(config, Map.of()));

        assertThat(settings.leaseName()).isEqualTo("my-lease");
        assertThat(settings.namespace()).isEqualTo("shadowscale");
        assertThat(settings.identity()).isEqualTo("scaler-0");
        assertThat(List.of(settings.leaseDuration(), settings.renewDeadline(), settings.retryPeriod()))
                .containsExactly(Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofSeconds(1));
    }
}
