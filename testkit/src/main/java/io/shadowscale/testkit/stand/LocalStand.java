package io.shadowscale.testkit.stand;

import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.ScalerApp;
import io.shadowscale.scaler.config.ScalerConfig;
import io.shadowscale.scaler.controller.ControllerSettings;
import io.shadowscale.scaler.k8s.KubernetesIntegration;
import io.shadowscale.scaler.model.ScalingPolicy;
import io.shadowscale.testkit.fleet.PairFleet;
import io.shadowscale.testkit.fleet.TargetFollower;
import io.shadowscale.testkit.fleet.WorkerLauncher;
import io.shadowscale.testkit.fleet.WorkerTemplate;
import io.shadowscale.testkit.keda.FleetSink;
import io.shadowscale.testkit.keda.KedaOptions;
import io.shadowscale.testkit.keda.LocalKeda;
import io.shadowscale.testkit.keda.ScaledObjectSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole loop of one pair on one machine, without Kubernetes, as the demo, the fault bench and
 * the end-to-end tests set it up: the wired scaler ({@link ScalerApp}, standalone, gRPC and admin
 * on free loopback ports), a {@link PairFleet} of workers for the pair's two slots, and the
 * {@link LocalKeda} stand-in scaling that fleet from the scaler's answers over loopback gRPC. Each
 * piece starts on its own, so a run may put the scaler in a process of its own or follow the
 * controller's targets with a {@link TargetFollower} instead of the stand-in.
 *
 * <pre>{@code
 * LocalStand stand = LocalStand.builder(pair, kafka.bootstrapServers(), List.of("orders"))
 *         .controlTopics("demo.control", "demo.state")
 *         .scalingKeys(Map.of("workerCapacity", "15000"))
 *         .build();
 * try (ScalerApp scaler = stand.startScaler(new ThroughputPolicy());
 *         LocalStand.Keda keda = stand.startKeda(scaler.grpcPort(), stand.fleet(processorClass, launcher))) {
 *     ... keda.fleet().replicas(), keda.keda().walks()
 * }
 * }</pre>
 */
public final class LocalStand {
    /** How often every worker of the stand publishes its status. */
    public static final Duration STATUS_INTERVAL = Duration.ofMillis(500);

    private final PairKey pair;
    private final String bootstrapServers;
    private final List<String> topics;
    private final String controlTopic;
    private final String stateTopic;
    private final Map<String, String> workerEnv;
    private final Map<String, String> scalingKeys;
    private final KedaOptions kedaOptions;
    private final Duration tickInterval;
    private final Clock clock;

    private LocalStand(Builder b) {
        this.pair = b.pair;
        this.bootstrapServers = b.bootstrapServers;
        this.topics = b.topics;
        this.controlTopic = b.controlTopic;
        this.stateTopic = b.stateTopic;
        this.workerEnv = b.workerEnv;
        this.scalingKeys = b.scalingKeys;
        this.kedaOptions = b.kedaOptions;
        this.tickInterval = b.tickInterval;
        this.clock = b.clock;
    }

    /** A stand for {@code pair} consuming {@code topics} on the broker at {@code bootstrapServers}. */
    public static Builder builder(PairKey pair, String bootstrapServers, List<String> topics) {
        return new Builder(pair, bootstrapServers, topics);
    }

    public PairKey pair() {
        return pair;
    }

    /**
     * Starts the wired scaler with {@code policy}: standalone (no Kubernetes, always the leader),
     * gRPC and admin on free ports, the controller ticking every {@code tickInterval} on an
     * executor of its own, stale statuses after 10 s, a 45 s session timeout, metrics every second.
     */
    public ScalerApp startScaler(ScalingPolicy policy) throws IOException {
        ScalerConfig config = ScalerConfig.parse(
                Map.of(
                        "SHADOWSCALE_BOOTSTRAP_SERVERS",
                        bootstrapServers,
                        "SHADOWSCALE_CONTROL_TOPIC",
                        controlTopic,
                        "SHADOWSCALE_STATE_TOPIC",
                        stateTopic),
                List.of("--grpc-port=0", "--admin-port=0"));
        ControllerSettings settings = ControllerSettings.builder()
                .tickInterval(tickInterval)
                .staleAfter(Duration.ofSeconds(10))
                .sessionTimeout(Duration.ofSeconds(45))
                .metricsInterval(Duration.ofSeconds(1))
                .build();
        return ScalerApp.start(
                config,
                KubernetesIntegration.standalone(),
                Executors.newSingleThreadScheduledExecutor(),
                policy,
                settings,
                clock,
                Admin::create);
    }

    /**
     * Both slots of the pair, empty: workers running {@code processorClass} on the stand's topics
     * and control topic ({@link WorkerTemplate#of}, status every {@link #STATUS_INTERVAL}, plus the
     * stand's worker environment), started by {@code launcher}.
     */
    public PairFleet fleet(String processorClass, WorkerLauncher launcher) {
        Map<String, String> template =
                WorkerTemplate.of(bootstrapServers, topics, controlTopic, processorClass, STATUS_INTERVAL);
        return new PairFleet(pair, WorkerTemplate.with(template, workerEnv), launcher);
    }

    /**
     * The stand-in polling the scaler at {@code 127.0.0.1:scalerGrpcPort} with the pair's two
     * ScaledObjects (the stand's scaling keys) and scaling {@code fleet}, which it owns from now on.
     */
    public Keda startKeda(int scalerGrpcPort, PairFleet fleet) {
        String address = "127.0.0.1:" + scalerGrpcPort;
        FleetSink deployments = null;
        try {
            deployments = new FleetSink(fleet);
            LocalKeda keda = LocalKeda.connect(
                    "127.0.0.1",
                    scalerGrpcPort,
                    ScaledObjectSpec.forPair(pair, topics, scalingKeys, address),
                    deployments,
                    kedaOptions,
                    clock);
            return new Keda(fleet, deployments, keda);
        } catch (RuntimeException e) {
            if (deployments != null) {
                deployments.close();
            }
            fleet.close();
            throw e;
        }
    }

    /**
     * A pair's fleet, its two "Deployments" and the stand-in scaling them; closed in the reverse
     * order (the stand-in stops polling, the Deployments stop applying counts, the workers stop).
     */
    public record Keda(PairFleet fleet, FleetSink deployments, LocalKeda keda) implements AutoCloseable {
        public Keda {
            Objects.requireNonNull(fleet, "fleet");
            Objects.requireNonNull(deployments, "deployments");
            Objects.requireNonNull(keda, "keda");
        }

        @Override
        public void close() {
            try (PairFleet f = fleet;
                    FleetSink d = deployments;
                    LocalKeda k = keda) {
                // closed by try-with-resources: keda, then deployments, then fleet
            }
        }
    }

    /** Builds a {@link LocalStand}; every setting but the pair, the broker and the topics has a default. */
    public static final class Builder {
        private final PairKey pair;
        private final String bootstrapServers;
        private final List<String> topics;
        private String controlTopic;
        private String stateTopic;
        private Map<String, String> workerEnv = Map.of();
        private Map<String, String> scalingKeys = Map.of();
        private KedaOptions kedaOptions = KedaOptions.defaults();
        private Duration tickInterval = Duration.ofMillis(200);
        private Clock clock = Clock.systemUTC();

        private Builder(PairKey pair, String bootstrapServers, List<String> topics) {
            this.pair = Objects.requireNonNull(pair, "pair");
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            this.topics = List.copyOf(topics);
            this.controlTopic = pair.name() + ".control";
            this.stateTopic = pair.name() + ".state";
        }

        /**
         * The control topic of the scaler and the workers, and the scaler's state topic; default
         * {@code <pair>.control} and {@code <pair>.state}.
         */
        public Builder controlTopics(String control, String state) {
            this.controlTopic = Objects.requireNonNull(control, "control");
            this.stateTopic = Objects.requireNonNull(state, "state");
            return this;
        }

        /** Environment every worker gets on top of the template (e.g. its output topic); default none. */
        public Builder workerEnv(Map<String, String> env) {
            this.workerEnv = Map.copyOf(env);
            return this;
        }

        /** Policy keys of both ScaledObjects' trigger metadata (e.g. {@code workerCapacity}); default none. */
        public Builder scalingKeys(Map<String, String> keys) {
            this.scalingKeys = Map.copyOf(keys);
            return this;
        }

        /** How the stand-in polls; default {@link KedaOptions#defaults()}. */
        public Builder kedaOptions(KedaOptions options) {
            this.kedaOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The pair controller's tick; default 200 ms. */
        public Builder tickInterval(Duration interval) {
            this.tickInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** The clock of the scaler and the stand-in; default the system clock (UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public LocalStand build() {
            return new LocalStand(this);
        }
    }
}
