package io.shadowscale.scaler.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesDeploymentReadinessTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private KubernetesDeploymentReadiness readiness;

    @BeforeEach
    void setUp() {
        server.reset();
        readiness = new KubernetesDeploymentReadiness(client);
    }

    @Test
    void readyReplicasComeFromTheDeploymentStatus() {
        deployment("orders-green", 6, 4, 6, true);

        assertThat(readiness.readyReplicas("client-a", "orders-green")).isEqualTo(OptionalInt.of(4));
    }

    @Test
    void readyReplicasOfAMissingDeploymentAreUnknown() {
        assertThat(readiness.readyReplicas("client-a", "orders-green")).isEqualTo(OptionalInt.empty());
    }

    @Test
    void notReadyUntilEnoughReplicasAreReady() {
        deployment("orders-green", 6, 4, 6, true);

        assertThat(readiness.isReady("client-a", "orders-green", 6)).isFalse();
        assertThat(readiness.isReady("client-a", "orders-green", 4)).isTrue();
    }

    @Test
    void notReadyWhileTheControllerHasNotObservedTheNewSpec() {
        deployment("orders-green", 6, 6, 6, false);

        assertThat(readiness.isReady("client-a", "orders-green", 6)).isFalse();
    }

    @Test
    void notReadyWhileReadyPodsAreNotUpToDate() {
        deployment("orders-green", 6, 6, 3, true);

        assertThat(readiness.isReady("client-a", "orders-green", 6)).isFalse();
    }

    @Test
    void readyUpToDateCountsPodsThatAreBothReadyAndUpdated() {
        deployment("orders-green", 6, 6, 3, true);
        deployment("orders-blue", 6, 2, 6, true);

        assertThat(readiness.readyUpToDate("client-a", "orders-green")).isEqualTo(OptionalInt.of(3));
        assertThat(readiness.readyUpToDate("client-a", "orders-blue")).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void readyUpToDateIsZeroUntilTheNewSpecIsObservedAndEmptyForAMissingDeployment() {
        deployment("orders-green", 6, 6, 6, false);

        assertThat(readiness.readyUpToDate("client-a", "orders-green")).isEqualTo(OptionalInt.of(0));
        assertThat(readiness.readyUpToDate("client-a", "orders-red")).isEqualTo(OptionalInt.empty());
    }

    @Test
    void aMissingDeploymentIsNeverReady() {
        assertThat(readiness.isReady("client-a", "orders-green", 0)).isFalse();
    }

    @Test
    void rejectsNegativeWantedReplicas() {
        assertThatThrownBy(() -> readiness.isReady("client-a", "orders-green", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("wanted replicas must be >= 0, got -1");
    }

    @Test
    void unknownReadinessNeverBlocks() {
        assertThat(DeploymentReadiness.unknown().isReady("client-a", "orders-green", 6))
                .isTrue();
        assertThat(DeploymentReadiness.unknown().readyReplicas("client-a", "orders-green"))
                .isEmpty();
    }

    private static void deployment(String name, int replicas, int ready, int updated, boolean observed) {
        Deployment stored = createDeployment(client, name, replicas, ready, updated, observed);
        assertThat(stored.getStatus().getReadyReplicas()).isEqualTo(ready);
    }

    /** A Deployment {@code namespace/name} of {@code replicas} pods, each one container of {@code image}. */
    static Deployment workerDeployment(String namespace, String name, int replicas, String image) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("worker")
                .withImage(image)
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** A Deployment in namespace client-a with the given status, as the mock server stores it. */
    static Deployment createDeployment(
            KubernetesClient client, String name, int replicas, int ready, int updated, boolean observed) {
        Deployment created = client.apps()
                .deployments()
                .inNamespace("client-a")
                .resource(workerDeployment("client-a", name, replicas, "worker:test"))
                .create();
        long generation = created.getMetadata().getGeneration() == null
                ? 1L
                : created.getMetadata().getGeneration();
        created.setStatus(new DeploymentStatusBuilder()
                .withReplicas(replicas)
                .withReadyReplicas(ready)
                .withUpdatedReplicas(updated)
                .withObservedGeneration(observed ? generation : generation - 1)
                .build());
        client.apps().deployments().inNamespace("client-a").resource(created).updateStatus();
        return client.apps()
                .deployments()
                .inNamespace("client-a")
                .withName(name)
                .get();
    }
}
