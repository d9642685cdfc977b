package io.shadowscale.testkit.keda;

import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for KEDA (and the HPA it drives): polls the Shadowscale scaler over the same
 * gRPC contract, one {@link ScaledObjectLoop} per ScaledObject, and writes each slot's replica
 * count to a {@link ReplicaSink} (the in-process fleet of that slot's "Deployment"). With it the
 * whole loop runs without Kubernetes: broker, pair controller, gRPC server, this, workers.
 *
 * <pre>{@code
 * try (LocalKeda keda = LocalKeda.connect("127.0.0.1", port, ScaledObjectSpec.forPair(pair, topics, policy, addr),
 *         fleet::scale, KedaOptions.defaults(), Clock.systemUTC())) {
 *     ... keda.events(), keda.walks()
 * }
 * }</pre>
 */
public final class LocalKeda implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalKeda.class);

    private final ManagedChannel ownedChannel;
    private final ScheduledExecutorService scheduler;
    private final Map<String, ScaledObjectLoop> loops = new LinkedHashMap<>();
    private final List<ScaleEvent> events = new CopyOnWriteArrayList<>();
    private final List<Consumer<ScaleEvent>> listeners = new CopyOnWriteArrayList<>();

    private LocalKeda(
            ManagedChannel ownedChannel,
            Channel channel,
            List<ScaledObjectSpec> objects,
            ReplicaSink sink,
            KedaOptions options,
            Clock clock) {
        this.ownedChannel = ownedChannel;
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "local-keda");
            t.setDaemon(true);
            return t;
        });
        for (ScaledObjectSpec spec : objects) {
            loops.put(
                    spec.namespace() + "/" + spec.name(),
                    new ScaledObjectLoop(spec, channel, sink, options, clock, scheduler, this::record));
        }
    }

    /** Polls the scaler at {@code host:port} (plaintext) for {@code objects}; started at once. */
    public static LocalKeda connect(
            String host, int port, List<ScaledObjectSpec> objects, ReplicaSink sink, KedaOptions options, Clock clock) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(host, port, InsecureChannelCredentials.create())
                .build();
        return new LocalKeda(channel, channel, objects, sink, options, clock).start();
    }

    /** Polls over a caller's channel (in-process in tests; not closed by {@link #close()}). */
    public static LocalKeda over(
            Channel channel, List<ScaledObjectSpec> objects, ReplicaSink sink, KedaOptions options, Clock clock) {
        return new LocalKeda(null, channel, objects, sink, options, clock).start();
    }

    private LocalKeda start() {
        loops.values().forEach(ScaledObjectLoop::start);
        LOG.info("local KEDA polling {} ScaledObject(s)", loops.size());
        return this;
    }

    /** Calls {@code listener} with every replica change from now on (on the stand-in's thread). */
    public void onScale(Consumer<ScaleEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** A changed ScaledObject (same namespace and name): GetMetricSpec again, push stream reopened. */
    public void update(ScaledObjectSpec spec) {
        ScaledObjectLoop loop = loops.get(spec.namespace() + "/" + spec.name());
        if (loop == null) {
            throw new IllegalArgumentException(
                    "unknown ScaledObject " + spec.namespace() + "/" + spec.name() + "; known: " + loops.keySet());
        }
        loop.update(spec);
    }

    /** The replica count last written for {@code deployment} (0 if never). */
    public int replicas(String deployment) {
        return loops.values().stream()
                .filter(l -> l.spec().deployment().equals(deployment))
                .mapToInt(ScaledObjectLoop::replicas)
                .sum();
    }

    /** Every replica change so far, in order. */
    public List<ScaleEvent> events() {
        return List.copyOf(events);
    }

    /** The walks seen so far (one pair assumed: both ScaledObjects' events together). */
    public List<Walk> walks() {
        return Walk.of(new ArrayList<>(events));
    }

    private void record(ScaleEvent event) {
        events.add(event);
        LOG.info("scaled {} {} -> {} ({})", event.deployment(), event.from(), event.to(), event.cause());
        for (Consumer<ScaleEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("scale listener failed: {}", e.toString());
            }
        }
    }

    /** Stops polling, cancels the push streams, closes the channel it opened (bounded). */
    @Override
    public void close() {
        loops.values().forEach(ScaledObjectLoop::close);
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
            if (ownedChannel != null) {
                ownedChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
