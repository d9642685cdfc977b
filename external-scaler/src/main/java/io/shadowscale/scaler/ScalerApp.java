package io.shadowscale.scaler;

import io.shadowscale.control.ControlTopics;
import io.shadowscale.scaler.admin.AdminServer;
import io.shadowscale.scaler.admin.OperatorServer;
import io.shadowscale.scaler.admin.PairOperations;
import io.shadowscale.scaler.config.LeaseTimings;
import io.shadowscale.scaler.config.ScalerConfig;
import io.shadowscale.scaler.controller.ControllerSettings;
import io.shadowscale.scaler.controller.Leadership;
import io.shadowscale.scaler.controller.PairController;
import io.shadowscale.scaler.controller.SlotReadiness;
import io.shadowscale.scaler.grpc.ScalerServer;
import io.shadowscale.scaler.k8s.KubernetesIntegration;
import io.shadowscale.scaler.k8s.KubernetesSettings;
import io.shadowscale.scaler.metrics.ScalerMetrics;
import io.shadowscale.scaler.model.ScalingPolicy;
import io.shadowscale.scaler.model.policy.ThroughputPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wired scaler: the pair controller, the KEDA-facing gRPC server around it, the admin HTTP
 * endpoint and the Kubernetes side (leader election), started in that order and closed in the
 * reverse one.
 *
 * <pre>
 *  KEDA ──gRPC──> ScalerServer ──> LeaderOnlyTargets ──> PairController ──> Kafka (control, state, Admin)
 *  monitoring ─HTTP─> AdminServer (read-only, /metrics) ─────┤    ^
 *  operator ─HTTP+token─> OperatorServer (off by default) ───┘    │
 *  Kubernetes Lease ──> LeaseLeaderElection (a Leadership) ───────┘ (also flips gRPC health)
 * </pre>
 *
 * Each new pair transition becomes a Kubernetes Event on the pair's ScaledObjects
 * ({@link TransitionEvents}; nothing without Kubernetes). Only the leader answers KEDA: while standing by, the health
 * service reports NOT_SERVING and {@code GetMetrics}/{@code IsActive} answer {@code UNAVAILABLE} (see
 * {@link LeaderOnlyTargets}). Both ports are bound before the controller starts, so a taken port fails fast.
 */
public final class ScalerApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScalerApp.class);
    /** Bound of each shutdown step (gRPC drain, controller, executor). */
    public static final Duration SHUTDOWN_STEP = Duration.ofSeconds(5);
    /** Bound of the whole {@link #close()}: gRPC drain, the controller (twice: then interrupted), the Lease. */
    public static final Duration SHUTDOWN_BOUND = SHUTDOWN_STEP.multipliedBy(4);
    /** Bound of each Admin request and call of the controller. */
    public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

    private final Parts parts;

    /**
     * What a started scaler runs: closed together, in the reverse order of start, by
     * {@link #close()} (and by a start that failed half-way, with what it had made: a null server
     * was not made).
     */
    private record Parts(
            KubernetesIntegration kubernetes,
            ScheduledExecutorService executor,
            ScheduledExecutorService eventsThread,
            PairController controller,
            ScalerServer grpc,
            AdminServer admin,
            OperatorServer operator) {}

    private ScalerApp(Parts parts) {
        this.parts = parts;
    }

    /**
     * Starts everything for {@code config} with the {@link ThroughputPolicy} and default controller
     * settings; Kubernetes (leader election on a Lease) only when the config asks for it.
     */
    public static ScalerApp start(ScalerConfig config, Map<String, String> env, Clock clock) throws IOException {
        ScheduledExecutorService executor = controllerExecutor();
        KubernetesIntegration kubernetes;
        try {
            kubernetes = config.leaderElection()
                    ? KubernetesIntegration.fromEnv(kubernetesEnv(config, env), executor, clock)
                    : KubernetesIntegration.standalone();
        } catch (RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
        return start(
                config,
                kubernetes,
                executor,
                new ThroughputPolicy(),
                ControllerSettings.defaults(),
                clock,
                Admin::create);
    }

    /**
     * Starts the controller on {@code executor} (owned from now on, shut down by {@link #close()}),
     * serves gRPC and the admin endpoint, and follows {@code kubernetes}' leader election. The
     * controller's Admin client is made by {@code adminFactory} ({@code Admin::create}; the load
     * bench counts the calls through its own).
     */
    public static ScalerApp start(
            ScalerConfig config,
            KubernetesIntegration kubernetes,
            ScheduledExecutorService executor,
            ScalingPolicy policy,
            ControllerSettings settings,
            Clock clock,
            Function<Map<String, Object>, Admin> adminFactory)
            throws IOException {
        Objects.requireNonNull(config, "config");
        Leadership leadership = kubernetes.leadership();
        // Kubernetes calls (Events, Deployment reads) run on a thread of their own: a slow API server
        // must never delay the controller's ticks
        ScheduledExecutorService eventsThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pair-events");
            t.setDaemon(true);
            return t;
        });
        SlotReadiness slotReadiness = kubernetes.slotReadiness(eventsThread, clock, settings.tickInterval());
        PairController controller = PairController.builder()
                .clientProperties(config.kafkaClientProperties())
                .topics(new ControlTopics(config.controlTopic(), config.stateTopic()))
                .policy(policy)
                .clock(clock)
                .executor(executor)
                .leadership(leadership)
                .settings(settings)
                .slotReadiness(slotReadiness)
                .adminFactory(props -> adminFactory.apply(withAdminBounds(props)))
                .build();
        ScalerMetrics metrics = new ScalerMetrics(controller);
        controller.observe(metrics);
        ScalerServer grpc = null;
        AdminServer admin = null;
        OperatorServer operator = null;
        try {
            LeaderOnlyTargets targets = new LeaderOnlyTargets(controller, controller::isLeading);
            grpc = ScalerMain.serve(config, targets, clock, List.of(metrics.kedaCalls()));
            grpc.serving(false);
            try {
                admin = new AdminServer(
                        PairOperations.of(controller, metrics::lastObservation),
                        new InetSocketAddress(config.adminPort()),
                        metrics.registry());
            } catch (IOException e) {
                throw new IOException("admin port " + config.adminPort() + ": " + e.getMessage(), e);
            }
            if (config.operator().isPresent()) {
                int port = config.operator().get().port();
                try {
                    operator = new OperatorServer(
                            PairOperations.of(controller, metrics::lastObservation),
                            kubernetes.events(),
                            config.operator().get().tokens(),
                            new InetSocketAddress(port));
                } catch (IOException e) {
                    throw new IOException("operator port " + port + ": " + e.getMessage(), e);
                }
            }
            controller.start();
            ScalerServer server = grpc;
            // the controller flips `isLeading` on its executor; follow it there, after the flip
            leadership.onChange(leading -> {
                try {
                    executor.execute(() -> server.serving(controller.isLeading()));
                } catch (RejectedExecutionException e) {
                    server.serving(false); // shutting down
                }
            });
            leadership.start();
            executor.execute(() -> server.serving(controller.isLeading()));
            // on a thread of its own: a slow Kubernetes API must never delay the controller's ticks
            eventsThread.scheduleWithFixedDelay(
                    new TransitionEvents(controller::states, controller::isLeading, kubernetes.events()),
                    1,
                    1,
                    TimeUnit.SECONDS);
            eventsThread.scheduleWithFixedDelay(metrics::refresh, 1, 1, TimeUnit.SECONDS);
            admin.start();
            if (operator != null) {
                operator.start();
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(new Parts(kubernetes, executor, eventsThread, controller, grpc, admin, operator));
            throw e;
        }
        LOG.info(
                "scaler started: gRPC on {}, admin on {}, operator {}, leader election {}",
                grpc.port(),
                admin.port(),
                operator == null
                        ? "off"
                        : "on " + operator.port() + " for "
                                + new TreeSet<>(config.operator().get().tokens().keySet()),
                config.leaderElection() ? "on (lease " + config.leaseName() + ")" : "off (always leader)");
        return new ScalerApp(new Parts(kubernetes, executor, eventsThread, controller, grpc, admin, operator));
    }

    /**
     * The controller's Admin properties with explicit bounds: each request and each call end within
     * {@link #ADMIN_TIMEOUT} (the controller also waits at most that long for any of them), so a
     * call abandoned by a timed-out wait does not go on retrying in the background for Kafka's
     * default 60 s.
     */
    static Map<String, Object> withAdminBounds(Map<String, Object> props) {
        Map<String, Object> bounded = new HashMap<>(props);
        int bound = (int) ADMIN_TIMEOUT.toMillis();
        bounded.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, bound);
        bounded.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, bound);
        return bounded;
    }

    /** The settings {@link KubernetesSettings} reads, from the scaler's own ones. */
    static Map<String, String> kubernetesEnv(ScalerConfig config, Map<String, String> env) {
        Map<String, String> k8s = new HashMap<>();
        if (env.containsKey(KubernetesSettings.SERVICE_HOST)) {
            k8s.put(KubernetesSettings.SERVICE_HOST, env.get(KubernetesSettings.SERVICE_HOST));
        }
        k8s.put(KubernetesSettings.KUBERNETES, "true");
        k8s.put(KubernetesSettings.LEADER_ELECTION, Boolean.toString(config.leaderElection()));
        k8s.put(KubernetesSettings.LEASE_NAME, config.leaseName());
        LeaseTimings timings = config.leaseTimings();
        k8s.put(KubernetesSettings.LEASE_DURATION, Integer.toString(timings.leaseSeconds()));
        k8s.put(KubernetesSettings.RENEW_DEADLINE, Integer.toString(timings.renewDeadlineSeconds()));
        k8s.put(KubernetesSettings.RETRY_PERIOD, Integer.toString(timings.retryPeriodSeconds()));
        config.podNamespace().ifPresent(ns -> k8s.put(KubernetesSettings.POD_NAMESPACE, ns));
        config.podName().ifPresent(name -> k8s.put(KubernetesSettings.POD_NAME, name));
        return k8s;
    }

    private static ScheduledExecutorService controllerExecutor() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pair-controller");
            t.setDaemon(true);
            return t;
        });
    }

    public PairController controller() {
        return parts.controller();
    }

    public int grpcPort() {
        return parts.grpc().port();
    }

    public int adminPort() {
        return parts.admin().port();
    }

    /** The operator endpoint's port, when it is on. */
    public OptionalInt operatorPort() {
        return parts.operator() == null
                ? OptionalInt.empty()
                : OptionalInt.of(parts.operator().port());
    }

    public void awaitTermination() throws InterruptedException {
        parts.grpc().awaitTermination();
    }

    /**
     * Stops serving KEDA (NOT_SERVING, bounded drain), the admin endpoint, the controller and its
     * executor, then gives the Lease up; {@link #SHUTDOWN_BOUND} in all, whatever Kafka does. The
     * controller gets {@link #SHUTDOWN_STEP} to finish its tick and close its clients; then its
     * thread is interrupted (a tick waiting on Kafka ends) and it gets one more step, after which it
     * is left behind (its clients are daemon threads) and the Lease is given up anyway.
     */
    @Override
    public void close() {
        closeQuietly(parts);
        LOG.info("scaler stopped");
    }

    private static void closeQuietly(Parts parts) {
        parts.eventsThread().shutdownNow();
        if (parts.grpc() != null) {
            try {
                parts.grpc().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (parts.admin() != null) {
            parts.admin().close();
        }
        if (parts.operator() != null) {
            parts.operator().close();
        }
        PairController controller = parts.controller();
        ScheduledExecutorService executor = parts.executor();
        executor.shutdown();
        // the controller's close waits for a running tick (its lock): on a thread of its own, so the wait is bounded
        Thread closing = new Thread(
                () -> {
                    try {
                        controller.close();
                    } catch (RuntimeException e) {
                        LOG.warn("closing the pair controller: {}", e.toString());
                    }
                },
                "pair-controller-close");
        closing.setDaemon(true);
        closing.start();
        try {
            closing.join(SHUTDOWN_STEP.toMillis());
            if (closing.isAlive()) {
                LOG.warn("the pair controller did not close within {}; interrupting its tick", SHUTDOWN_STEP);
                executor.shutdownNow();
                closing.join(SHUTDOWN_STEP.toMillis());
                if (closing.isAlive()) {
                    LOG.warn("the pair controller did not close within {} more; left behind", SHUTDOWN_STEP);
                }
            }
            if (!executor.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        parts.kubernetes().close();
    }
}
