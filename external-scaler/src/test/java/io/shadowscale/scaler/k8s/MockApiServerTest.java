package io.shadowscale.scaler.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The API server contracts against fabric8's mock API server in CRUD mode, emptied before each
 * test; a namespace needs no creating there.
 */
@EnableKubernetesMockClient(crud = true)
class MockApiServerTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @BeforeEach
    void resetServer() {
        server.reset();
    }

    @Nested
    class PairEvents extends KubernetesPairEventsContract {
        PairEvents() {
            super(() -> client, base -> base);
        }
    }

    @Nested
    class LeaderElection extends LeaseLeaderElectionContract {
        LeaderElection() {
            super(() -> client, base -> base);
        }
    }
}
