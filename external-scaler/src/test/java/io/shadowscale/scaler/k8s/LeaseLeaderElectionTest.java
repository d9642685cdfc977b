package io.shadowscale.scaler.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;

@EnableKubernetesMockClient(crud = true)
class LeaseLeaderElectionTest extends LeaseLeaderElectionContract {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @BeforeEach
    void resetServer() {
        server.reset();
    }

    @Override
    protected KubernetesClient client() {
        return client;
    }

    @Override
    protected String freshNamespace(String base) {
        return base;
    }
}
