package io.shadowscale.scaler.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.controller.SlotReadiness;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The controller's readiness input against the mock API server: cached, read off-thread, never blocking. */
@EnableKubernetesMockClient(crud = true)
class CachedSlotReadinessTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final PairSpec SPEC = new PairSpec(
            new PairKey("client-a", "orders"),
            List.of("orders"),
            PolicySettings.DEFAULTS,
            Map.of(SlotName.BLUE, "orders-blue", SlotName.GREEN, "orders-green"));

    private final Queue<Runnable> pending = new ArrayDeque<>();
    private final Executor reader = pending::add;
    private final MutableClock clock = new MutableClock();
    private SlotReadiness readiness;

    @BeforeEach
    void setUp() {
        server.reset();
        readiness = new CachedSlotReadiness(
                new KubernetesDeploymentReadiness(client), reader, clock, Duration.ofMillis(500));
    }

    @Test
    void answersZeroUntilTheFirstReadHasComeBackThenTheDeploymentsReadyPods() {
        deployment("orders-green", 4, 4);

        assertThat(readiness.readyPods(SPEC, SlotName.GREEN)).isEqualTo(OptionalInt.of(0));
        assertThat(pending).hasSize(1);
        assertThat(readiness.readyPods(SPEC, SlotName.GREEN)).isEqualTo(OptionalInt.of(0));
        assertThat(pending).as("one read in flight per Deployment").hasSize(1);
        runPending();

        assertThat(readiness.readyPods(SPEC, SlotName.GREEN)).isEqualTo(OptionalInt.of(4));
        assertThat(pending).as("a fresh read is not repeated").isEmpty();
    }

    @Test
    void readsAgainOnceTheLastReadIsOlderThanMaxAge() {
        deployment("orders-green", 4, 1);
        readiness.readyPods(SPEC, SlotName.GREEN);
        runPending();
        assertThat(readiness.readyPods(SPEC, SlotName.GREEN)).isEqualTo(OptionalInt.of(1));

        setReady("orders-green", 4);
        clock.advance(Duration.ofMillis(499));
        assertThat(readiness.readyPods(SPEC, SlotName.GREEN)).isEqualTo(OptionalInt.of(1));
        assertThat(pending).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(readiness.readyPods(SPEC, SlotName.GREEN)).isEqualTo(OptionalInt.of(1));
        runPending();
        assertThat(readiness.readyPods(SPEC, SlotName.GREEN)).isEqualTo(OptionalInt.of(4));
    }

    @Test
    void aMissingDeploymentCountsAsNoReadyPods() {
        readiness.readyPods(SPEC, SlotName.GREEN);
        runPending();
        assertThat(readiness.readyPods(SPEC, SlotName.GREEN)).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void aSlotWithoutADeploymentIsUnknownAndReadsNothing() {
        PairSpec noDeployments = new PairSpec(SPEC.pair(), SPEC.topics(), SPEC.policy());

        assertThat(readiness.readyPods(noDeployments, SlotName.GREEN)).isEmpty();
        assertThat(pending).isEmpty();
    }

    @Test
    void withoutKubernetesTheIntegrationGivesUnknownReadiness() {
        SlotReadiness standalone =
                KubernetesIntegration.standalone().slotReadiness(reader, clock, Duration.ofSeconds(1));

        assertThat(standalone.readyPods(SPEC, SlotName.GREEN)).isEmpty();
        assertThat(pending).isEmpty();
    }

    private void runPending() {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }

    private static void deployment(String name, int replicas, int ready) {
        KubernetesDeploymentReadinessTest.createDeployment(client, name, replicas, ready, replicas, true);
    }

    private static void setReady(String name, int ready) {
        Deployment d = client.apps()
                .deployments()
                .inNamespace("client-a")
                .withName(name)
                .get();
        d.getStatus().setReadyReplicas(ready);
        client.apps().deployments().inNamespace("client-a").resource(d).updateStatus();
    }
}
