package io.shadowscale.scaler.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Scenarios run against more than one API server: fabric8's mock API server (CRUD mode) in
 * {@code MockApiServerTest}, and a real one (k3s) in the {@code docker} profile's {@code K3sApiServerIT}.
 */
public abstract class ApiServerContract {
    private final Supplier<KubernetesClient> client;
    private final UnaryOperator<String> freshNamespace;

    /**
     * Runs against the API server {@code client} reaches; {@code freshNamespace} turns a base name
     * into a namespace that exists and is empty, for one test.
     */
    protected ApiServerContract(Supplier<KubernetesClient> client, UnaryOperator<String> freshNamespace) {
        this.client = client;
        this.freshNamespace = freshNamespace;
    }

    /** The client of the API server under test. */
    protected final KubernetesClient client() {
        return client.get();
    }

    /** A namespace for one test, existing and empty. */
    protected final String freshNamespace(String base) {
        return freshNamespace.apply(base);
    }
}
