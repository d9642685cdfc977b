package io.shadowscale.scaler.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.shadowscale.scaler.controller.Leadership;
import io.shadowscale.scaler.controller.SlotReadiness;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the scaler gets from Kubernetes: leader election, pair Events, Deployment readiness. All
 * optional: {@link #fromEnv} returns no-op parts (always leader, no Events, readiness unknown)
 * when the scaler is not in a cluster or {@code SHADOWSCALE_KUBERNETES=false}, so the local demo
 * runs alone.
 */
public final class KubernetesIntegration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesIntegration.class);

    private static final DeploymentReadiness NO_READINESS = DeploymentReadiness.unknown();

    private final Leadership leadership;
    private final PairEvents events;
    private final DeploymentReadiness readiness;
    private final KubernetesClient ownedClient;

    private KubernetesIntegration(
            Leadership leadership, PairEvents events, DeploymentReadiness readiness, KubernetesClient ownedClient) {
        this.leadership = leadership;
        this.events = events;
        this.readiness = readiness;
        this.ownedClient = ownedClient;
    }

    /**
     * Reads {@link KubernetesSettings} from {@code env} and connects with the in-cluster config when
     * enabled; otherwise {@link #standalone()}.
     *
     * @throws IllegalArgumentException naming every invalid key
     */
    public static KubernetesIntegration fromEnv(
            Map<String, String> env, ScheduledExecutorService scheduler, Clock clock) {
        KubernetesSettings settings = KubernetesSettings.fromEnv(env);
        if (!settings.enabled(env)) {
            LOG.info("not using Kubernetes: no leader election, no Events, Deployment readiness unknown");
            return standalone();
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        KubernetesIntegration integration = connected(client, settings, scheduler, clock);
        return new KubernetesIntegration(integration.leadership, integration.events, integration.readiness, client);
    }

    /**
     * Uses {@code client} (not closed by {@link #close()}): a Lease election when
     * {@code settings.leaderElection()}, else standalone (leads from {@code start()}).
     */
    public static KubernetesIntegration connected(
            KubernetesClient client, KubernetesSettings settings, ScheduledExecutorService scheduler, Clock clock) {
        Objects.requireNonNull(client, "client");
        Leadership election = settings.leaderElection()
                ? new LeaseLeaderElection(client, settings, scheduler)
                : Leadership.standalone();
        return new KubernetesIntegration(
                election,
                new KubernetesPairEvents(client, clock, settings.identity()),
                new KubernetesDeploymentReadiness(client),
                null);
    }

    /** Without Kubernetes: always leader, no Events, readiness unknown. */
    public static KubernetesIntegration standalone() {
        return new KubernetesIntegration(Leadership.standalone(), PairEvents.none(), NO_READINESS, null);
    }

    /** This replica's leadership: a Lease election, or standalone (leads from {@code start()}). */
    public Leadership leadership() {
        return leadership;
    }

    public PairEvents events() {
        return events;
    }

    public DeploymentReadiness readiness() {
        return readiness;
    }

    /**
     * The controller's view of Deployment readiness: read on {@code reader}, at most once per
     * {@code maxAge} per Deployment; without Kubernetes unknown (the workers' reports decide alone).
     */
    public SlotReadiness slotReadiness(Executor reader, Clock clock, Duration maxAge) {
        return readiness == NO_READINESS
                ? SlotReadiness.unknown()
                : new CachedSlotReadiness(readiness, reader, clock, maxAge);
    }

    /** Stops the election (releasing the Lease) and closes the client this object created. */
    @Override
    public void close() {
        leadership.close();
        if (ownedClient != null) {
            ownedClient.close();
        }
    }
}
