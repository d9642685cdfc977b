package io.shadowscale.scaler.k8s;

import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.controller.SlotReadiness;
import io.shadowscale.scaler.model.PairSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@link SlotReadiness} from Deployment status, read off the controller's thread: an answer is the
 * last status read, and a read older than {@code maxAge} starts a new one on {@code reader}. Until
 * the first read has come back a named Deployment counts as 0 ready pods (waiting a tick is cheap,
 * cutting over to pods Kubernetes does not yet call ready is not). A Deployment that cannot be read
 * or does not exist also counts as 0: the warm-up then ends by its timeout, with the pod count in
 * the reason. A slot whose ScaledObject names no Deployment is unknown and does not block.
 */
public final class CachedSlotReadiness implements SlotReadiness {
    private record Read(int pods, Instant at) {}

    private final DeploymentReadiness readiness;
    private final Executor reader;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Read> reads = new ConcurrentHashMap<>();
    private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();

    public CachedSlotReadiness(DeploymentReadiness readiness, Executor reader, Clock clock, Duration maxAge) {
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    }

    @Override
    public OptionalInt readyPods(PairSpec spec, SlotName slot) {
        String deployment = spec.deployments().get(slot);
        if (deployment == null) {
            return OptionalInt.empty();
        }
        String namespace = spec.pair().namespace();
        String key = namespace + "/" + deployment;
        Read last = reads.get(key);
        Instant now = clock.instant();
        if ((last == null || !now.isBefore(last.at().plus(maxAge)))
                && inFlight.putIfAbsent(key, Boolean.TRUE) == null) {
            try {
                reader.execute(() -> {
                    try {
                        reads.put(
                                key,
                                new Read(
                                        readiness
                                                .readyUpToDate(namespace, deployment)
                                                .orElse(0),
                                        clock.instant()));
                    } finally {
                        inFlight.remove(key);
                    }
                });
            } catch (RejectedExecutionException e) {
                inFlight.remove(key); // shutting down
            }
        }
        return OptionalInt.of(last == null ? 0 : last.pods());
    }
}
