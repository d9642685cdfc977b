package io.shadowscale.scaler.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesSettingsTest {

    @Test
    void defaultsOutsideACluster() {
        Map<String, String> env = Map.of("HOSTNAME", "laptop");

        KubernetesSettings settings = KubernetesSettings.fromEnv(env);

        assertThat(settings)
                .isEqualTo(new KubernetesSettings(
                        KubernetesSettings.Mode.AUTO,
                        true,
                        null,
                        "laptop",
                        "shadowscale-scaler",
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2)));
        assertThat(settings.enabled(env)).isFalse();
    }

    @Test
    void autoUsesKubernetesInsideAPod() {
        Map<String, String> env = Map.of(
                "KUBERNETES_SERVICE_HOST",
                "10.96.0.1",
                "POD_NAMESPACE",
                "shadowscale-system",
                "POD_NAME",
                "scaler-7d9-abc",
                "HOSTNAME",
                "ignored",
                "SHADOWSCALE_LEASE_NAME",
                "scaler-lease",
                "SHADOWSCALE_LEASE_DURATION_SECONDS",
                "20");

        KubernetesSettings settings = KubernetesSettings.fromEnv(env);

        assertThat(settings.enabled(env)).isTrue();
        assertThat(settings.namespace()).isEqualTo("shadowscale-system");
        assertThat(settings.identity()).isEqualTo("scaler-7d9-abc");
        assertThat(settings.leaseName()).isEqualTo("scaler-lease");
        assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void disabledEvenInsideAPod() {
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "SHADOWSCALE_KUBERNETES", "false");

        assertThat(KubernetesSettings.fromEnv(env).enabled(env)).isFalse();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            SHADOWSCALE_KUBERNETES                 | maybe        | SHADOWSCALE_KUBERNETES='maybe' is not one of: auto, true, false
            SHADOWSCALE_LEADER_ELECTION            | yes          | SHADOWSCALE_LEADER_ELECTION='yes' is not one of: true, false
            SHADOWSCALE_LEASE_DURATION_SECONDS     | 0            | SHADOWSCALE_LEASE_DURATION_SECONDS='0' is not a whole number of seconds from 1 to 3600
            SHADOWSCALE_LEASE_RETRY_PERIOD_SECONDS | 2s           | SHADOWSCALE_LEASE_RETRY_PERIOD_SECONDS='2s' is not a whole number of seconds from 1 to 3600
            SHADOWSCALE_LEASE_NAME                 | Scaler_Lease | SHADOWSCALE_LEASE_NAME='Scaler_Lease' is not a DNS-1123 subdomain
            """)
    void rejectsInvalidValues(String key, String value, String problem) {
        assertThatThrownBy(() -> KubernetesSettings.fromEnv(Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid Kubernetes settings: " + problem);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, String> env = Map.of("SHADOWSCALE_KUBERNETES", "true", "SHADOWSCALE_LEADER_ELECTION", "on");

        assertThatThrownBy(() -> KubernetesSettings.fromEnv(env))
                .hasMessage("invalid Kubernetes settings: SHADOWSCALE_LEADER_ELECTION='on' is not one of: true, false; "
                        + "POD_NAMESPACE is not set: leader election needs the namespace of its Lease "
                        + "(set it from the downward API, or SHADOWSCALE_LEADER_ELECTION=false)");
    }

    @Test
    void rejectsLeaseTimingsOutOfOrder() {
        assertThatThrownBy(() -> KubernetesSettings.fromEnv(Map.of("SHADOWSCALE_LEASE_RENEW_DEADLINE_SECONDS", "20")))
                .hasMessage(
                        "lease timings must satisfy leaseDuration > renewDeadline > retryPeriod, got 15s > 20s > 2s");
    }
}
