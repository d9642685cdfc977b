package io.shadowscale.scaler.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Lease scenarios; run against fabric8's mock API server (CRUD mode) by
 * {@code MockApiServerTest}, and against a real API server by the {@code docker} profile's
 * {@code K3sApiServerIT}.
 */
public abstract class LeaseLeaderElectionContract extends ApiServerContract {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    private final List<LeaseLeaderElection> elections = new CopyOnWriteArrayList<>();

    private String namespace;

    protected LeaseLeaderElectionContract(Supplier<KubernetesClient> client, UnaryOperator<String> freshNamespace) {
        super(client, freshNamespace);
    }

    @BeforeEach
    void pickNamespace() {
        namespace = freshNamespace("shadowscale-system");
    }

    @AfterEach
    void stop() {
        elections.forEach(LeaseLeaderElection::close);
        scheduler.shutdownNow();
    }

    @Test
    void exactlyOneOfTwoReplicasLeadsAndHoldsTheLease() {
        LeaseLeaderElection a = election("scaler-a");
        LeaseLeaderElection b = election("scaler-b");
        a.start();
        b.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> a.isLeader() || b.isLeader());
        LeaseLeaderElection leader = a.isLeader() ? a : b;
        LeaseLeaderElection standby = leader == a ? b : a;
        // The standby keeps retrying for several retry periods and must stay a standby.
        await().during(Duration.ofMillis(900))
                .atMost(Duration.ofSeconds(3))
                .until(() -> leader.isLeader() && !standby.isLeader());
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(leader.identity());
    }

    @Test
    void standbyTakesOverWhenTheLeaderStops() {
        LeaseLeaderElection a = election("scaler-a");
        List<Boolean> aChanges = new CopyOnWriteArrayList<>();
        a.onChange(aChanges::add);
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);

        LeaseLeaderElection b = election("scaler-b");
        List<Boolean> bChanges = new CopyOnWriteArrayList<>();
        b.onChange(bChanges::add);
        b.start();
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() -> !b.isLeader());

        a.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(b.isLeader()).isTrue();
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("scaler-b");
        });
        assertThat(a.isLeader()).isFalse();
        assertThat(aChanges).containsExactly(true, false);
        assertThat(bChanges).containsExactly(true);
    }

    @Test
    void listenerAddedWhileLeadingHearsTrueAtOnce() {
        LeaseLeaderElection a = election("scaler-a");
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);

        List<Boolean> changes = new CopyOnWriteArrayList<>();
        a.onChange(changes::add);

        assertThat(changes).containsExactly(true);
    }

    @Test
    void standbyTakesOverWhenTheLeaderDiesWithoutReleasing() {
        ScheduledExecutorService doomed = Executors.newScheduledThreadPool(2);
        LeaseLeaderElection a = election("scaler-a", doomed);
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);
        LeaseLeaderElection b = election("scaler-b", scheduler);
        b.start();

        doomed.shutdownNow(); // a's process dies: no more renewals, no release

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(b.isLeader()).isTrue();
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("scaler-b");
        });
    }

    @Test
    void aLeaderThatLosesTheLeaseStepsDownAndCampaignsAgain() {
        LeaseLeaderElection a = election("scaler-a");
        List<Boolean> changes = new CopyOnWriteArrayList<>();
        a.onChange(changes::add);
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(a::isLeader);

        // Another holder takes the Lease (as after a long pause of a's process) and then vanishes. The
        // edit is an optimistic update: it is tried again when a's own renewal came in between (409).
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .untilAsserted(() -> client().leases()
                        .inNamespace(namespace)
                        .withName(KubernetesSettings.DEFAULT_LEASE_NAME)
                        .edit(lease -> {
                            lease.getSpec().setHolderIdentity("intruder");
                            lease.getSpec().setRenewTime(ZonedDateTime.now());
                            lease.getSpec().setLeaseDurationSeconds(2);
                            return lease;
                        }));

        await().atMost(Duration.ofSeconds(10)).until(() -> !a.isLeader());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(a.isLeader()).isTrue();
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("scaler-a");
        });
        assertThat(changes).containsExactly(true, false, true);
    }

    private LeaseLeaderElection election(String identity) {
        return election(identity, scheduler);
    }

    private LeaseLeaderElection election(String identity, ScheduledExecutorService executor) {
        KubernetesSettings settings = KubernetesSettings.fromEnv(Map.of(
                        KubernetesSettings.KUBERNETES, "true",
                        KubernetesSettings.POD_NAMESPACE, namespace,
                        KubernetesSettings.POD_NAME, identity))
                .withTimings(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(150));
        LeaseLeaderElection election = new LeaseLeaderElection(client(), settings, executor);
        elections.add(election);
        return election;
    }

    private Lease lease() {
        return client().leases()
                .inNamespace(namespace)
                .withName(KubernetesSettings.DEFAULT_LEASE_NAME)
                .get();
    }
}
