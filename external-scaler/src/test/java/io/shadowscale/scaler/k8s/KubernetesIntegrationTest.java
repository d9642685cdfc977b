package io.shadowscale.scaler.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.shadowscale.control.PairKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesIntegrationTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** The integration connected to the mock API server, with the settings {@code env} gives. */
    private KubernetesIntegration connected(Map<String, String> env) {
        return KubernetesIntegration.connected(client, KubernetesSettings.fromEnv(env), scheduler, Clock.systemUTC());
    }

    @Test
    void outsideAClusterTheScalerLeadsAloneWithoutKubernetes() {
        try (KubernetesIntegration k8s =
                KubernetesIntegration.fromEnv(Map.of("HOSTNAME", "laptop"), scheduler, Clock.systemUTC())) {
            List<Boolean> changes = new CopyOnWriteArrayList<>();
            k8s.leadership().onChange(changes::add);
            assertThat(k8s.leadership().isLeader()).isFalse();

            k8s.leadership().start();

            assertThat(k8s.leadership().isLeader()).isTrue();
            assertThat(changes).containsExactly(true);
            assertThat(k8s.events().record(new PairKey("demo", "orders"), "CutoverDone", "m", false))
                    .isZero();
            assertThat(k8s.readiness().isReady("demo", "orders-green", 3)).isTrue();
        }
    }

    @Test
    void withLeaderElectionOffAConnectedScalerLeadsAlone() {
        try (KubernetesIntegration k8s = connected(Map.of(
                "SHADOWSCALE_KUBERNETES", "true", "SHADOWSCALE_LEADER_ELECTION", "false", "POD_NAME", "scaler-0"))) {
            k8s.leadership().start();

            assertThat(k8s.leadership().isLeader()).isTrue();
            assertThat(k8s.leadership()).isNotInstanceOf(LeaseLeaderElection.class);
            assertThat(k8s.readiness()).isInstanceOf(KubernetesDeploymentReadiness.class);
            assertThat(k8s.events()).isInstanceOf(KubernetesPairEvents.class);
        }
    }

    @Test
    void withLeaderElectionOnAConnectedScalerCampaignsOnALease() {
        try (KubernetesIntegration k8s = connected(Map.of(
                "SHADOWSCALE_KUBERNETES", "true", "POD_NAMESPACE", "shadowscale-system", "POD_NAME", "scaler-0"))) {
            assertThat(k8s.leadership()).isInstanceOf(LeaseLeaderElection.class);
        }
    }
}
