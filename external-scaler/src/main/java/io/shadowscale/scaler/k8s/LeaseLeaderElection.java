package io.shadowscale.scaler.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.shadowscale.scaler.controller.Leadership;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, with fabric8's {@code LeaderElector}
 * (optimistic concurrency on the Lease's resourceVersion): the {@link Leadership} of a scaler
 * replica among several. The leader renews the Lease every
 * retry period; if it cannot renew within the renew deadline it steps down, and a standby takes
 * the Lease once it has gone unrenewed for the lease duration. {@link #close()} releases the Lease
 * so a standby takes over after one retry period instead of a whole lease duration.
 *
 * <p>Unlike the bare elector, a replica that loses leadership campaigns again: it becomes a
 * standby, not a dead replica.
 */
public final class LeaseLeaderElection implements Leadership {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseLeaderElection.class);

    private final KubernetesClient client;
    private final KubernetesSettings settings;
    private final ScheduledExecutorService scheduler;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean leading;
    private boolean started;
    private boolean closed;
    private CompletableFuture<?> campaign;

    /**
     * @param client    a client for the cluster the Lease lives in
     * @param settings  namespace, Lease name, identity and timings
     * @param scheduler runs the elector's loop and the re-campaign after a lost leadership
     */
    public LeaseLeaderElection(
            KubernetesClient client, KubernetesSettings settings, ScheduledExecutorService scheduler) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(settings.namespace(), "settings.namespace");
    }

    @Override
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        campaign();
    }

    @Override
    public boolean isLeader() {
        return leading;
    }

    /** This replica's name on the Lease. */
    public String identity() {
        return settings.identity();
    }

    @Override
    public AutoCloseable onChange(Consumer<Boolean> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            listeners.add(listener);
        }
        if (leading) {
            listener.accept(true);
        }
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        CompletableFuture<?> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = campaign;
        }
        if (running != null) {
            running.cancel(true); // the elector releases the Lease (releaseOnCancel)
        }
        setLeading(false);
    }

    private synchronized void campaign() {
        if (closed) {
            return;
        }
        LOG.info("campaigning for lease {}/{} as {}", settings.namespace(), settings.leaseName(), settings.identity());
        CompletableFuture<?> future = new LeaderElectorBuilder(client, scheduler)
                .withConfig(config())
                .build()
                .start();
        campaign = future;
        future.whenComplete((ignored, error) -> {
            setLeading(false);
            synchronized (this) {
                if (closed) {
                    return;
                }
            }
            LOG.warn("lost lease {}/{}; campaigning again as a standby", settings.namespace(), settings.leaseName());
            try {
                scheduler.schedule(this::campaign, settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("scheduler shut down; no new campaign", e);
            }
        });
    }

    private LeaderElectionConfig config() {
        return new LeaderElectionConfigBuilder()
                .withName(settings.leaseName())
                .withLock(new LeaseLock(settings.namespace(), settings.leaseName(), settings.identity()))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> setLeading(true),
                        () -> setLeading(false),
                        leader -> LOG.info(
                                "lease {}/{} is held by {}", settings.namespace(), settings.leaseName(), leader)))
                .build();
    }

    private void setLeading(boolean now) {
        synchronized (this) {
            if (leading == now || (now && closed)) {
                return;
            }
            leading = now;
        }
        LOG.info(
                "{} {} leading on lease {}/{}",
                settings.identity(),
                now ? "started" : "stopped",
                settings.namespace(),
                settings.leaseName());
        for (Consumer<Boolean> listener : listeners) {
            try {
                listener.accept(now);
            } catch (RuntimeException e) {
                LOG.warn("leadership listener failed", e);
            }
        }
    }
}
