package io.shadowscale.scaler.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Readiness against a real API server: the status is the deployment controller's, not a fixture.
 * Needs Docker; {@code -Pdocker}.
 */
@EnabledIf("io.shadowscale.scaler.k8s.K3sCluster#dockerAvailable")
class KubernetesDeploymentReadinessK3sIT {

    @Test
    void becomesReadyWhenTheDeploymentsPodsAreReady() {
        String namespace = K3sCluster.freshNamespace("client-a");
        KubernetesDeploymentReadiness readiness = new KubernetesDeploymentReadiness(K3sCluster.client());
        K3sCluster.client()
                .apps()
                .deployments()
                .inNamespace(namespace)
                .resource(KubernetesDeploymentReadinessTest.workerDeployment(
                        namespace, "orders-green", 2, "registry.k8s.io/pause:3.10"))
                .create();

        await().atMost(Duration.ofMinutes(3))
                .untilAsserted(() -> assertThat(readiness.isReady(namespace, "orders-green", 2))
                        .isTrue());
        assertThat(readiness.readyReplicas(namespace, "orders-green")).isEqualTo(OptionalInt.of(2));
        assertThat(readiness.isReady(namespace, "orders-green", 3)).isFalse();
    }
}
