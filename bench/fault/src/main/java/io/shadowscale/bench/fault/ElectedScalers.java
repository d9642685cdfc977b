package io.shadowscale.bench.fault;

import static io.shadowscale.bench.fault.Waits.require;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.TcpProxy;
import io.shadowscale.testkit.fleet.FleetWorker;
import io.shadowscale.testkit.fleet.PairFleet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two scaler replicas ({@code scaler-a}, {@code scaler-b}) campaigning for one Lease on a Kubernetes
 * API server of their own ({@link MockApiServerMain}, a child process), as a Deployment of two
 * would. The harness follows the Lease as a Service with a readiness probe follows the ready pod:
 * the KEDA stand-in's gRPC port is a {@link TcpProxy} that sends each new connection to the
 * replica holding the Lease (to a live one while the holder is dead or unknown: a standby answers
 * {@code UNAVAILABLE} and KEDA polls again; when the holder changes the open connections are reset,
 * so the stand-in reconnects to the new one), and the admin reads and operator requests go to the
 * holder. The Lease's holder is read every {@value #POLL_MILLIS} ms and each change is recorded
 * ({@link #holderSince}).
 *
 * <p>The Lease timings are the scaler's defaults (lease 15 s, renew deadline 10 s, retry 2 s), as in
 * the manifests: the {@code SHADOWSCALE_LEASE_*_SECONDS} settings are left unset, so the takeover
 * measured is the one a default deployment gets.
 */
final class ElectedScalers implements ScalerService {
    private static final Logger LOG = LoggerFactory.getLogger(ElectedScalers.class);
    static final String LEASE = "shadowscale-scaler";
    /** The scaler's Lease timings (its defaults), as the report states them. */
    static final String TIMINGS = "lease 15 s, renew deadline 10 s, retry period 2 s (the scaler's defaults)";

    private static final long POLL_MILLIS = 100;
    private static final Duration API_START = Duration.ofSeconds(60);
    private static final Duration LEADER_WAIT = Duration.ofSeconds(30);

    /** One change of the Lease's holder as the harness saw it. */
    record HolderChange(long nanos, String holder) {}

    private final String classpath;
    private final Path logDir;
    private final int apiPort = ScalerProcess.freePort();
    private final List<ScalerProcess> replicas;
    private final List<HolderChange> changes = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller = daemon("fault-lease-poller");
    private final ScheduledExecutorService mirrors = daemon("fault-deployment-mirror");
    private volatile String holder = "";
    private JavaProcess api;
    private KubernetesClient client;
    private volatile TcpProxy service;

    ElectedScalers(String classpath, Path logDir, String bootstrapServers, String controlTopic, String stateTopic) {
        this.classpath = classpath;
        this.logDir = logDir;
        String master = "http://127.0.0.1:" + apiPort;
        this.replicas = List.of("scaler-a", "scaler-b").stream()
                .map(name -> new ScalerProcess(
                        name, classpath, logDir, bootstrapServers, controlTopic, stateTopic, env(name, master)))
                .toList();
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** What the scaler reads to campaign on the Lease, and the fabric8 client's settings to reach the API server. */
    private static Map<String, String> env(String identity, String master) {
        return Map.of(
                "SHADOWSCALE_LEADER_ELECTION",
                "true",
                "SHADOWSCALE_LEASE_NAME",
                LEASE,
                "SHADOWSCALE_POD_NAMESPACE",
                FaultRun.NAMESPACE,
                "SHADOWSCALE_POD_NAME",
                identity,
                "KUBERNETES_MASTER",
                master,
                "KUBERNETES_NAMESPACE",
                FaultRun.NAMESPACE,
                "KUBERNETES_AUTH_TRYKUBECONFIG",
                "false",
                "KUBERNETES_AUTH_TRYSERVICEACCOUNT",
                "false");
    }

    @Override
    public synchronized ElectedScalers start() {
        try {
            if (api == null) {
                api = JavaProcess.start(
                        "kubernetes-api",
                        classpath,
                        MockApiServerMain.class.getName(),
                        Map.of(MockApiServerMain.PORT, Integer.toString(apiPort)),
                        logDir);
                require(this::apiUp, API_START, "the Kubernetes API on port " + apiPort);
                client = new KubernetesClientBuilder()
                        .withConfig(new ConfigBuilder(Config.empty())
                                .withMasterUrl("http://127.0.0.1:" + apiPort)
                                .withNamespace(FaultRun.NAMESPACE)
                                .build())
                        .build();
                poller.scheduleWithFixedDelay(this::pollLease, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
                service = new TcpProxy(0, this::grpcTarget);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting the Kubernetes API", e);
        }
        replicas.stream().filter(r -> !r.alive()).forEach(ScalerProcess::start);
        return this;
    }

    /**
     * Keeps one Deployment per slot of {@code fleet} in the API server, named as the pair's
     * ScaledObjects name them ({@code <pair name>-<slot>}), its replicas and ready replicas those of
     * the fleet's live workers: what the kube-controller-manager reports for the pods KEDA scales,
     * which the leading scaler reads before it finishes a warm-up.
     */
    void mirrorDeployments(PairFleet fleet) {
        mirrors.scheduleWithFixedDelay(() -> mirror(fleet), 0, POLL_MILLIS * 2, TimeUnit.MILLISECONDS);
    }

    private void mirror(PairFleet fleet) {
        for (SlotName slot : SlotName.values()) {
            int live = (int) fleet.slot(slot).workers().stream()
                    .filter(FleetWorker::alive)
                    .count();
            String name = fleet.pair().name() + "-" + slot.label();
            Deployment wanted = new DeploymentBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(FaultRun.NAMESPACE)
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(fleet.slot(slot).replicas())
                    .endSpec()
                    .build();
            try {
                var deployments = client.apps().deployments().inNamespace(FaultRun.NAMESPACE);
                Deployment found = deployments.withName(name).get();
                Deployment current =
                        found == null ? deployments.resource(wanted).create() : found;
                current.setStatus(new DeploymentStatusBuilder()
                        .withReplicas(live)
                        .withReadyReplicas(live)
                        .withUpdatedReplicas(live)
                        .withAvailableReplicas(live)
                        .build());
                deployments.resource(current).updateStatus();
            } catch (RuntimeException e) {
                // the API server is starting or stopping: the next round writes it (any exception is
                // caught, as one thrown out of a scheduled task would end the task for good)
                LOG.debug("Deployment {} not mirrored: {}", name, e.toString());
            }
        }
    }

    private boolean apiUp() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), apiPort)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private void pollLease() {
        try {
            Lease lease = client.leases().withName(LEASE).get();
            String now =
                    lease == null || lease.getSpec() == null || lease.getSpec().getHolderIdentity() == null
                            ? ""
                            : lease.getSpec().getHolderIdentity();
            if (!now.equals(holder)) {
                LOG.info("Lease {} holder: '{}' -> '{}'", LEASE, holder, now);
                holder = now;
                changes.add(new HolderChange(System.nanoTime(), now));
                // a gRPC channel keeps its connection: reset the open ones so the stand-in reconnects to the holder
                TcpProxy route = service;
                if (route != null) {
                    route.cut();
                    route.restore();
                }
            }
        } catch (RuntimeException e) {
            // the API server is starting or stopping: the next poll sees it (caught whatever it is:
            // an exception out of a scheduled task would end the polling for good)
            LOG.debug("Lease {} not read: {}", LEASE, e.toString());
        }
    }

    /** The Lease's holder as last read, empty before anyone took it. */
    String holder() {
        return holder;
    }

    /** When the harness first saw {@code identity}'s name on the Lease after {@code afterNanos}. */
    Optional<Long> holderSince(String identity, long afterNanos) {
        return changes.stream()
                .filter(c -> c.nanos() > afterNanos && c.holder().equals(identity))
                .map(HolderChange::nanos)
                .findFirst();
    }

    /** The live replica named on the Lease. */
    private Optional<ScalerProcess> leader() {
        String h = holder;
        return replicas.stream().filter(r -> r.name().equals(h) && r.alive()).findFirst();
    }

    /** The leader, else any live replica (a standby answers KEDA with UNAVAILABLE, its admin from the state topic). */
    private Optional<ScalerProcess> leaderOrLive() {
        return leader().or(() -> replicas.stream().filter(ScalerProcess::alive).findFirst());
    }

    private int grpcTarget() {
        return leaderOrLive()
                .map(ScalerProcess::grpcPort)
                .orElse(replicas.get(0).grpcPort());
    }

    /** SIGKILL of the replica holding the Lease; its name (empty if none was leading). */
    synchronized String killLeader() {
        Optional<ScalerProcess> leader = leader();
        if (leader.isEmpty()) {
            LOG.warn(
                    "no live replica holds the Lease: holder '{}', alive {}",
                    holder,
                    replicas.stream()
                            .filter(ScalerProcess::alive)
                            .map(ScalerProcess::name)
                            .toList());
        }
        leader.ifPresent(ScalerProcess::kill);
        return leader.map(ScalerProcess::name).orElse("");
    }

    @Override
    public void kill() {
        killLeader();
    }

    @Override
    public boolean alive() {
        return leader().isPresent();
    }

    @Override
    public int grpcPort() {
        return service.port();
    }

    @Override
    public long countInLogs(String text) {
        return replicas.stream().mapToLong(r -> r.countInLogs(text)).sum();
    }

    @Override
    public Optional<PairView> pair(PairKey pair) {
        return leaderOrLive().flatMap(r -> r.pair(pair));
    }

    /** To the replica holding the Lease (a standby refuses operator requests), waiting up to 30 s for one. */
    @Override
    public String post(PairKey pair, String action) {
        try {
            require(() -> leader().isPresent(), LEADER_WAIT, "a scaler holding the Lease " + LEASE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a leader", e);
        }
        return leader().orElseThrow().post(pair, action);
    }

    @Override
    public synchronized void close() {
        replicas.forEach(ScalerProcess::close);
        poller.shutdownNow();
        mirrors.shutdownNow();
        if (service != null) {
            service.close();
        }
        if (client != null) {
            client.close();
        }
        if (api != null) {
            api.terminate(Duration.ofSeconds(5));
        }
    }
}
