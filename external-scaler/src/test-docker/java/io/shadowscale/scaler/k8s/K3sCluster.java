package io.shadowscale.scaler.k8s;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One real API server (k3s in Docker) for the whole test JVM, with a minimal KEDA ScaledObject
 * CRD. Only the {@code docker} Maven profile compiles this.
 */
final class K3sCluster {
    private static final DockerImageName IMAGE = DockerImageName.parse("rancher/k3s:v1.31.4-k3s1");
    private static K3sContainer container;
    private static KubernetesClient client;

    private K3sCluster() {}

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static synchronized KubernetesClient client() {
        if (client == null) {
            container = new K3sContainer(IMAGE);
            container.start();
            client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(container.getKubeConfigYaml()))
                    .build();
            installScaledObjectCrd(client);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                container.stop();
            }));
        }
        return client;
    }

    /** Creates {@code <base>-<random>} and returns its name. */
    static String freshNamespace(String base) {
        String name = base + "-" + UUID.randomUUID().toString().substring(0, 8);
        client().namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
        return name;
    }

    private static void installScaledObjectCrd(KubernetesClient client) {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("scaledobjects.keda.sh")
                .endMetadata()
                .withNewSpec()
                .withGroup("keda.sh")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("ScaledObject")
                .withPlural("scaledobjects")
                .withSingular("scaledobject")
                .withListKind("ScaledObjectList")
                .endNames()
                .addNewVersion()
                .withName("v1alpha1")
                .withServed(true)
                .withStorage(true)
                .withNewSchema()
                .withNewOpenAPIV3Schema()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema()
                .endSchema()
                .endVersion()
                .endSpec()
                .build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("scaledobjects.keda.sh")
                .waitUntilCondition(
                        c -> c.getStatus() != null
                                && c.getStatus().getConditions().stream()
                                        .anyMatch(cond -> "Established".equals(cond.getType())
                                                && "True".equals(cond.getStatus())),
                        Duration.ofMinutes(1).toMillis(),
                        TimeUnit.MILLISECONDS);
    }
}
