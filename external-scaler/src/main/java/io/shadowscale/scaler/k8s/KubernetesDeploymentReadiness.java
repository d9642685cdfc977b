package io.shadowscale.scaler.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.ToIntBiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads {@code apps/v1} Deployment status. Needs RBAC: deployments get in the pairs' namespaces. */
public final class KubernetesDeploymentReadiness implements DeploymentReadiness {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesDeploymentReadiness.class);

    private final KubernetesClient client;

    public KubernetesDeploymentReadiness(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public OptionalInt readyReplicas(String namespace, String deployment) {
        return pods(namespace, deployment, (found, status) -> orZero(status.getReadyReplicas()));
    }

    @Override
    public OptionalInt readyUpToDate(String namespace, String deployment) {
        return pods(namespace, deployment, (found, status) -> {
            Long generation = found.getMetadata().getGeneration();
            boolean rolledOut = generation == null
                    || status.getObservedGeneration() == null
                    || status.getObservedGeneration() >= generation;
            return rolledOut ? Math.min(orZero(status.getReadyReplicas()), orZero(status.getUpdatedReplicas())) : 0;
        });
    }

    @Override
    public boolean isReady(String namespace, String deployment, int wanted) {
        if (wanted < 0) {
            throw new IllegalArgumentException("wanted replicas must be >= 0, got " + wanted);
        }
        OptionalInt pods = readyUpToDate(namespace, deployment);
        return pods.isPresent() && pods.getAsInt() >= wanted;
    }

    /** {@code count} of the Deployment and its status: 0 while it has no status, empty when it cannot be read. */
    private OptionalInt pods(String namespace, String deployment, ToIntBiFunction<Deployment, DeploymentStatus> count) {
        Deployment found;
        try {
            found = client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(deployment)
                    .get();
        } catch (KubernetesClientException e) {
            LOG.warn("could not read Deployment {}/{}: {}", namespace, deployment, e.getMessage());
            return OptionalInt.empty();
        }
        if (found == null) {
            return OptionalInt.empty();
        }
        DeploymentStatus status = found.getStatus();
        return OptionalInt.of(status == null ? 0 : count.applyAsInt(found, status));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
