package io.shadowscale.testkit.keda;

/**
 * Where the stand-in writes a Deployment's replica count, like KEDA patching
 * {@code spec.replicas} (through the HPA). Must return quickly: the pods (here in-process workers)
 * start and stop in the background.
 */
@FunctionalInterface
public interface ReplicaSink {
    void scale(String deployment, int replicas);
}
