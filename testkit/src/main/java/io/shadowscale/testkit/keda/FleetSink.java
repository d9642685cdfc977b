package io.shadowscale.testkit.keda;

import io.shadowscale.control.SlotName;
import io.shadowscale.testkit.fleet.PairFleet;
import io.shadowscale.testkit.fleet.SlotFleet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process "Deployments" of one pair behind the stand-in: deployment {@code <pair>-<slot>}
 * is that slot's {@link SlotFleet}. {@link SlotFleet#scaleTo} blocks until stopped workers have
 * stopped, while KEDA's patch of {@code spec.replicas} returns at once; so each Deployment is
 * scaled on a thread of its own and only the newest count is applied (a Deployment controller
 * also converges to the latest spec, not through every intermediate one).
 */
public final class FleetSink implements ReplicaSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetSink.class);

    private final Map<String, SlotFleet> deployments = new HashMap<>();
    private final Map<String, ExecutorService> threads = new HashMap<>();
    private final Map<String, AtomicInteger> wanted = new HashMap<>();

    public FleetSink(PairFleet fleet) {
        for (SlotName slot : SlotName.values()) {
            String name = fleet.pair().name() + "-" + slot.label();
            deployments.put(name, fleet.slot(slot));
            wanted.put(name, new AtomicInteger(-1));
            threads.put(name, Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "deployment-" + name);
                t.setDaemon(true);
                return t;
            }));
        }
    }

    @Override
    public void scale(String deployment, int replicas) {
        SlotFleet fleet = deployments.get(deployment);
        if (fleet == null) {
            throw new IllegalArgumentException(
                    "unknown deployment '" + deployment + "'; known: " + deployments.keySet());
        }
        wanted.get(deployment).set(replicas);
        threads.get(deployment).execute(() -> {
            int n = wanted.get(deployment).get();
            if (n >= 0 && n != fleet.replicas()) {
                try {
                    fleet.scaleTo(n);
                } catch (RuntimeException e) {
                    LOG.warn("deployment {}: scaling to {} failed: {}", deployment, n, e.toString());
                }
            }
        });
    }

    /** Stops applying counts (waits up to 30 s for a running scale); the fleet itself is closed by its owner. */
    @Override
    public void close() {
        threads.values().forEach(ExecutorService::shutdown);
        for (ExecutorService t : threads.values()) {
            try {
                if (!t.awaitTermination(30, TimeUnit.SECONDS)) {
                    t.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
