package io.shadowscale.scaler.k8s;

import java.util.OptionalInt;

/**
 * The Kubernetes side of "is the waking slot ready to take over": how many of a slot's pods the
 * Deployment reports ready. One input next to the workers' own ready reports on the control topic.
 */
public interface DeploymentReadiness {

    /** The Deployment's ready replicas, or empty when it does not exist or Kubernetes is not used. */
    OptionalInt readyReplicas(String namespace, String deployment);

    /**
     * Pods that are ready and run the Deployment's current spec: {@code min(ready, updated)} once the
     * Deployment controller has observed the current generation, 0 before; empty when the
     * Deployment does not exist, cannot be read, or Kubernetes is not used.
     */
    OptionalInt readyUpToDate(String namespace, String deployment);

    /**
     * Whether the Deployment has rolled out its current spec and at least {@code wanted} replicas
     * are ready and up to date. Without Kubernetes always true: the workers' reports decide alone.
     */
    boolean isReady(String namespace, String deployment, int wanted);

    /** Readiness without Kubernetes: nothing is known, nothing blocks. */
    static DeploymentReadiness unknown() {
        return new DeploymentReadiness() {
            @Override
            public OptionalInt readyReplicas(String namespace, String deployment) {
                return OptionalInt.empty();
            }

            @Override
            public OptionalInt readyUpToDate(String namespace, String deployment) {
                return OptionalInt.empty();
            }

            @Override
            public boolean isReady(String namespace, String deployment, int wanted) {
                return true;
            }
        };
    }
}
