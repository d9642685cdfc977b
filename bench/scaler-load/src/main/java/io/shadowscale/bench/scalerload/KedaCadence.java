package io.shadowscale.bench.scalerload;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.shadowscale.scaler.grpc.ExternalScalerContract;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsRequest;
import io.shadowscale.scaler.grpc.externalscaler.IsActiveResponse;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import io.shadowscale.testkit.keda.ScaledObjectSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * KEDA's call pattern for many ScaledObjects against one scaler, over one shared channel (KEDA
 * pools one gRPC connection per scaler address):
 *
 * <pre>
 *  once per ScaledObject       GetMetricSpec (KEDA builds the HPA; the scaler claims the slot and
 *                              registers the pair)
 *  every pollingInterval       GetMetrics, then IsActive (KEDA's GetMetricsAndActivity of an
 *                              external scaler makes both calls, in that order)
 *  every hpaInterval, active   GetMetrics, then IsActive (the HPA asks KEDA's metrics adapter,
 *                              which asks the scaler the same way; not while scaled to zero)
 *  optional                    one StreamIsActive per ScaledObject, open for the whole run
 * </pre>
 *
 * Each ScaledObject's polls are spread evenly over the interval (KEDA's loops start as the
 * ScaledObjects are created, not in lockstep) and made by a bounded pool of blocking callers, so
 * a slow scaler shows as latency, and a saturated pool as {@link RpcStats#LATENESS}.
 */
final class KedaCadence implements AutoCloseable {
    private final Scaler scaler;
    private final List<Target> targets = new ArrayList<>();
    private final Threads threads;
    private final RpcStats stats;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private final List<ClientCallStreamObserver<?>> streams = new ArrayList<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private volatile boolean closed;

    private static final class Target {
        final ScaledObjectRef ref;
        volatile GetMetricsRequest metrics;
        volatile boolean active;

        Target(ScaledObjectRef ref) {
            this.ref = ref;
        }
    }

    /** The scaler as KEDA reaches it: one shared channel, each unary call with {@code deadline}. */
    record Scaler(Channel channel, Duration deadline) {
        ExternalScalerContract.BlockingClient client() {
            return new ExternalScalerContract.BlockingClient(
                    channel, CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** KEDA's loops: {@code timer} starts each poll when due, a bounded pool of {@code callers} makes it. */
    record Threads(ScheduledExecutorService timer, ExecutorService callers) {}

    KedaCadence(Scaler scaler, List<ScaledObjectSpec> objects, Threads threads, RpcStats stats) {
        this.scaler = scaler;
        this.threads = threads;
        this.stats = stats;
        objects.forEach(o -> targets.add(new Target(o.ref())));
    }

    /**
     * GetMetricSpec for every ScaledObject from the caller pool; returns once all answered (or
     * failed) or {@code timeout} passed. Returns how many got a spec.
     */
    int registerAll(Duration timeout) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(targets.size());
        AtomicInteger ok = new AtomicInteger();
        for (Target t : targets) {
            threads.callers().execute(() -> {
                try {
                    long start = System.nanoTime();
                    String metric = scaler.client()
                            .getMetricSpec(t.ref)
                            .getMetricSpecs(0)
                            .getMetricName();
                    stats.record(RpcStats.GET_METRIC_SPEC, System.nanoTime() - start);
                    t.metrics = GetMetricsRequest.newBuilder()
                            .setScaledObjectRef(t.ref)
                            .setMetricName(metric)
                            .build();
                    ok.incrementAndGet();
                } catch (StatusRuntimeException e) {
                    stats.error(
                            RpcStats.GET_METRIC_SPEC, e.getStatus().getCode().name());
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return ok.get();
    }

    /** Starts KEDA's polls and, if asked, the HPA's polls and the push streams. */
    synchronized void start(Duration pollingInterval, Duration hpaInterval, boolean pushStreams) {
        int n = targets.size();
        for (int i = 0; i < n; i++) {
            Target t = targets.get(i);
            long every = pollingInterval.toNanos();
            scheduled.add(threads.timer()
                    .scheduleAtFixedRate(() -> submit(t, false), every * i / n, every, TimeUnit.NANOSECONDS));
            if (!hpaInterval.isZero()) {
                long hpa = hpaInterval.toNanos();
                // offset by half a slot so the HPA's calls do not coincide with KEDA's own
                scheduled.add(threads.timer()
                        .scheduleAtFixedRate(
                                () -> submit(t, true), hpa * i / n + hpa / (2L * n), hpa, TimeUnit.NANOSECONDS));
            }
            if (pushStreams) {
                openStream(t);
            }
        }
    }

    int openStreams() {
        return openStreams.get();
    }

    private void submit(Target t, boolean hpa) {
        if (closed || t.metrics == null || (hpa && !t.active)) {
            return;
        }
        long due = System.nanoTime();
        try {
            threads.callers().execute(() -> poll(t, due));
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void poll(Target t, long due) {
        if (closed) {
            return;
        }
        long start = System.nanoTime();
        stats.record(RpcStats.LATENESS, start - due);
        ExternalScalerContract.BlockingClient client = scaler.client();
        try {
            client.getMetrics(t.metrics);
            long got = System.nanoTime();
            stats.record(RpcStats.GET_METRICS, got - start);
            start = got;
        } catch (StatusRuntimeException e) {
            stats.error(RpcStats.GET_METRICS, e.getStatus().getCode().name());
            return; // KEDA stops this round at the first error
        }
        try {
            t.active = client.isActive(t.ref).getResult();
            stats.record(RpcStats.IS_ACTIVE, System.nanoTime() - start);
        } catch (StatusRuntimeException e) {
            stats.error(RpcStats.IS_ACTIVE, e.getStatus().getCode().name());
        }
    }

    private void openStream(Target t) {
        ClientCalls.asyncServerStreamingCall(
                scaler.channel().newCall(ExternalScalerContract.STREAM_IS_ACTIVE, CallOptions.DEFAULT),
                t.ref,
                new ClientResponseObserver<ScaledObjectRef, IsActiveResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<ScaledObjectRef> call) {
                        synchronized (KedaCadence.this) {
                            streams.add(call);
                        }
                        openStreams.incrementAndGet();
                    }

                    @Override
                    public void onNext(IsActiveResponse value) {
                        stats.pushed();
                        if (value.getResult()) {
                            t.active = true;
                        }
                    }

                    @Override
                    public void onError(Throwable error) {
                        openStreams.decrementAndGet();
                        if (!closed) {
                            stats.error(
                                    "StreamIsActive",
                                    Status.fromThrowable(error).getCode().name());
                        }
                    }

                    @Override
                    public void onCompleted() {
                        openStreams.decrementAndGet();
                    }
                });
    }

    @Override
    public synchronized void close() {
        closed = true;
        scheduled.forEach(f -> f.cancel(false));
        streams.forEach(s -> s.cancel("bench over", null));
    }
}
