package io.shadowscale.scaler.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.condition.EnabledIf;

/** {@link KubernetesPairEventsContract} against a real API server (k3s). Needs Docker; {@code -Pdocker}. */
@EnabledIf("io.shadowscale.scaler.k8s.K3sCluster#dockerAvailable")
class KubernetesPairEventsK3sIT extends KubernetesPairEventsContract {

    @Override
    protected KubernetesClient client() {
        return K3sCluster.client();
    }

    @Override
    protected String freshNamespace(String base) {
        return K3sCluster.freshNamespace(base);
    }
}
