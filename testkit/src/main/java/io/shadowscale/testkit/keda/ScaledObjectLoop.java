package io.shadowscale.testkit.keda;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.shadowscale.scaler.grpc.ExternalScalerContract;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsRequest;
import io.shadowscale.scaler.grpc.externalscaler.IsActiveResponse;
import io.shadowscale.scaler.grpc.externalscaler.MetricSpec;
import io.shadowscale.scaler.grpc.externalscaler.MetricValue;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What KEDA (and the HPA it owns) does for one {@code external-push} ScaledObject:
 *
 * <pre>
 *  GetMetricSpec              once, and again after the ScaledObject changed
 *  every pollingInterval:     GetMetrics -> value, IsActive -> active
 *      active                 replicas = max(1, ceil(value / target))        (HPA, AverageValue, no damping)
 *      inactive, replicas > 1 replicas = 1                                   (HPA floor while KEDA still runs it)
 *      inactive cooldownPeriod replicas = 0                                  (KEDA scales to zero)
 *  StreamIsActive             pushed true -> poll at once (scale from zero without waiting);
 *                             on error or end: reopen after 2 s, 4 s, ... up to 30 s
 * </pre>
 *
 * A failed poll keeps the current replica count, as KEDA keeps the last one on scaler errors.
 */
final class ScaledObjectLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScaledObjectLoop.class);

    private final Channel channel;
    private final ReplicaSink sink;
    private final KedaOptions options;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Consumer<ScaleEvent> events;
    private volatile ScaledObjectSpec spec;
    private String metricName;
    private double target = 1;
    private int replicas;
    private Instant lastActive = Instant.EPOCH;
    private String lastError = "";
    private ScheduledFuture<?> polling;
    private ClientCallStreamObserver<ScaledObjectRef> stream;
    private Duration backoff;
    private volatile boolean closed;

    ScaledObjectLoop(
            ScaledObjectSpec spec,
            Channel channel,
            ReplicaSink sink,
            KedaOptions options,
            Clock clock,
            ScheduledExecutorService scheduler,
            Consumer<ScaleEvent> events) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.events = Objects.requireNonNull(events, "events");
        this.backoff = options.reconnectBackoff();
    }

    synchronized void start() {
        long every = options.pollingInterval().toMillis();
        polling = scheduler.scheduleWithFixedDelay(() -> poll("poll"), 0, every, TimeUnit.MILLISECONDS);
        openStream();
    }

    /** A changed ScaledObject: its spec is fetched again at the next poll and the push stream reopened. */
    synchronized void update(ScaledObjectSpec changed) {
        if (changed.equals(spec)) {
            return;
        }
        spec = changed;
        metricName = null;
        if (stream != null) {
            ClientCallStreamObserver<ScaledObjectRef> old = stream;
            stream = null;
            old.cancel("ScaledObject changed", null);
        }
    }

    ScaledObjectSpec spec() {
        return spec;
    }

    synchronized int replicas() {
        return replicas;
    }

    /** One poll: spec if needed, metric value, activity, then the replica count. */
    synchronized void poll(String cause) {
        if (closed) {
            return;
        }
        ScaledObjectRef ref = spec.ref();
        try {
            if (metricName == null) {
                MetricSpec metric = client().getMetricSpec(ref).getMetricSpecs(0);
                metricName = metric.getMetricName();
                target = metric.getTargetSizeFloat() > 0 ? metric.getTargetSizeFloat() : metric.getTargetSize();
            }
            double value = 0;
            for (MetricValue v : client().getMetrics(GetMetricsRequest.newBuilder()
                            .setScaledObjectRef(ref)
                            .setMetricName(metricName)
                            .build())
                    .getMetricValuesList()) {
                if (v.getMetricName().equalsIgnoreCase(metricName)) {
                    value += v.getMetricValueFloat() > 0 ? v.getMetricValueFloat() : v.getMetricValue();
                }
            }
            boolean active = client().isActive(ref).getResult();
            lastError = "";
            apply(value, active, cause);
        } catch (StatusRuntimeException e) {
            String message = e.getStatus().getCode() + ": " + e.getStatus().getDescription();
            if (!message.equals(lastError)) {
                LOG.warn(
                        "ScaledObject {}/{}: scaler error, keeping {} replica(s): {}",
                        spec.namespace(),
                        spec.name(),
                        replicas,
                        message);
                lastError = message;
            }
        } catch (RuntimeException e) {
            LOG.warn("ScaledObject {}/{}: poll failed: {}", spec.namespace(), spec.name(), e.toString());
        }
    }

    private void apply(double value, boolean active, String cause) {
        Instant now = clock.instant();
        int wanted = replicas;
        String why = cause;
        if (active) {
            lastActive = now;
            wanted = Math.max(1, (int) Math.ceil(value / target - 1e-9));
        } else if (replicas > 0 && !now.isBefore(lastActive.plus(options.cooldownPeriod()))) {
            wanted = 0;
            why = "cooldown";
        } else if (replicas > 1) {
            wanted = 1;
            why = "hpa-min";
        }
        if (wanted != replicas) {
            ScaleEvent event = new ScaleEvent(now, spec.deployment(), spec.slot(), replicas, wanted, why);
            replicas = wanted;
            sink.scale(spec.deployment(), wanted);
            events.accept(event);
        }
    }

    private ExternalScalerContract.BlockingClient client() {
        return new ExternalScalerContract.BlockingClient(
                channel,
                CallOptions.DEFAULT.withDeadlineAfter(options.callTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    private synchronized void openStream() {
        if (closed) {
            return;
        }
        ExternalScalerContract.streamIsActive(
                channel, spec.ref(), new ClientResponseObserver<ScaledObjectRef, IsActiveResponse>() {
                    private ClientCallStreamObserver<ScaledObjectRef> call;

                    @Override
                    public void beforeStart(ClientCallStreamObserver<ScaledObjectRef> requestStream) {
                        call = requestStream;
                        synchronized (ScaledObjectLoop.this) {
                            stream = requestStream;
                        }
                    }

                    @Override
                    public void onNext(IsActiveResponse value) {
                        synchronized (ScaledObjectLoop.this) {
                            backoff = options.reconnectBackoff();
                        }
                        if (value.getResult()) {
                            scheduler.execute(() -> poll("push"));
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        reopenLater(call, t.toString());
                    }

                    @Override
                    public void onCompleted() {
                        reopenLater(call, "stream completed");
                    }
                });
    }

    private synchronized void reopenLater(ClientCallStreamObserver<ScaledObjectRef> call, String why) {
        if (closed) {
            return;
        }
        boolean changed = call != stream; // cancelled by update(): reopen at once with the new spec
        Duration wait = changed ? Duration.ZERO : backoff;
        if (!changed) {
            LOG.debug(
                    "ScaledObject {}/{}: StreamIsActive ended ({}), reopening in {}",
                    spec.namespace(),
                    spec.name(),
                    why,
                    wait);
            backoff = backoff.multipliedBy(2).compareTo(KedaOptions.MAX_BACKOFF) > 0
                    ? KedaOptions.MAX_BACKOFF
                    : backoff.multipliedBy(2);
        }
        try {
            scheduler.schedule(this::openStream, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("scheduler stopped; not reopening");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (polling != null) {
            polling.cancel(false);
        }
        if (stream != null) {
            stream.cancel("stand-in stopped", null);
        }
    }
}
