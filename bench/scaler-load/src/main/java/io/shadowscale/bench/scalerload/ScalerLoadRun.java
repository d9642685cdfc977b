package io.shadowscale.bench.scalerload;

import static io.shadowscale.bench.scalerload.JvmProbes.heapAfterGc;
import static io.shadowscale.bench.scalerload.JvmProbes.loadAverage;
import static io.shadowscale.bench.scalerload.JvmProbes.millisSince;
import static io.shadowscale.bench.scalerload.JvmProbes.named;
import static io.shadowscale.bench.scalerload.JvmProbes.processCpuNanos;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.scaler.ScalerApp;
import io.shadowscale.scaler.config.ScalerConfig;
import io.shadowscale.scaler.controller.ControllerSettings;
import io.shadowscale.scaler.k8s.KubernetesIntegration;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.policy.ThroughputPolicy;
import io.shadowscale.testkit.keda.ScaledObjectSpec;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;

/**
 * One point of {@code bench scaler-load}: a fresh local broker with the pairs' topics, the real
 * scaler ({@link ScalerApp}: PairController with its Kafka Admin, state and control clients, gRPC
 * over loopback netty) with a counting Admin, the {@link ActivatingFleet}, and the
 * {@link KedaCadence} registering every ScaledObject by GetMetricSpec and then polling at KEDA's
 * cadence. Measures once every pair is STEADY (or the settle timeout passed), for
 * {@code duration} seconds, with a progress line every second.
 */
final class ScalerLoadRun {
    private final ScalerLoadSettings settings;
    private final ScalerLoadSettings.Point point;
    private final PrintStream progress;

    ScalerLoadRun(ScalerLoadSettings settings, ScalerLoadSettings.Point point, PrintStream progress) {
        this.settings = settings;
        this.point = point;
        this.progress = progress;
    }

    PointResult run() throws Exception {
        Map<String, Object> startup = new LinkedHashMap<>();
        // on a shared, overloaded machine the in-process controller missed the broker's heartbeats
        // (default 9 s session) and fenced it mid-run; the scaler's cost does not depend on this
        try (LocalKafka kafka = LocalKafka.builder()
                .brokerProperty("broker.session.timeout.ms", "60000")
                .start()) {
            startup.put("broker_start_ms", kafka.startupTime().toMillis());
            List<String> topics = LoadTopics.topicNames(settings, point);
            long t0 = System.nanoTime();
            LoadTopics.createTopics(kafka.admin(), topics, point.partitions());
            startup.put("topics_create_ms", millisSince(t0));
            progress.printf(
                    "[%s] broker %s, %d topic(s) x %d partitions created in %d ms%n",
                    point, kafka.bootstrapServers(), topics.size(), point.partitions(), millisSince(t0));
            List<ScaledObjectSpec> objects = LoadTopics.scaledObjects(point, topics);
            return measure(kafka, objects, topics.size(), startup);
        }
    }

    private PointResult measure(
            LocalKafka kafka, List<ScaledObjectSpec> objects, int topicCount, Map<String, Object> startup)
            throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        double heapBefore = heapAfterGc(memory);
        AdminCalls adminCalls = new AdminCalls();
        TimedExecutor controllerThread = new TimedExecutor();
        ScalerConfig config = ScalerConfig.parse(
                Map.of(
                        "SHADOWSCALE_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                        "SHADOWSCALE_GRPC_PORT", "0",
                        "SHADOWSCALE_ADMIN_PORT", "0",
                        "SHADOWSCALE_ENVIRONMENT", "scaler-load"),
                List.of());
        RpcStats stats = new RpcStats();
        ThreadCpu threadCpu = new ThreadCpu();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("keda-timer"));
        ExecutorService callers = Executors.newFixedThreadPool(settings.clientThreads(), named("keda-caller"));
        ExecutorService callbacks = Executors.newSingleThreadExecutor(named("keda-callbacks"));
        NioEventLoopGroup clientLoop = new NioEventLoopGroup(1, named("keda-client-elg"));
        long t0 = System.nanoTime();
        try (ScalerApp app = ScalerApp.start(
                        config,
                        KubernetesIntegration.standalone(),
                        controllerThread,
                        new ThroughputPolicy(),
                        ControllerSettings.defaults(),
                        Clock.systemUTC(),
                        props -> {
                            Map<String, Object> adminProps = new HashMap<>(props);
                            adminProps.put("client.id", "shadowscale-scaler-admin");
                            return adminCalls.wrap(Admin.create(adminProps));
                        });
                ActivatingFleet fleet = new ActivatingFleet(kafka.clientProperties(), config.controlTopic())) {
            startup.put("scaler_start_ms", millisSince(t0));
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", app.grpcPort())
                    .usePlaintext()
                    .eventLoopGroup(clientLoop)
                    .channelType(NioSocketChannel.class)
                    .executor(callbacks)
                    .build();
            try (KedaCadence keda = new KedaCadence(
                    new KedaCadence.Scaler(channel, Duration.ofSeconds(settings.rpcDeadlineSeconds())),
                    objects,
                    new KedaCadence.Threads(timer, callers),
                    stats)) {
                long r0 = System.nanoTime();
                int specs = keda.registerAll(Duration.ofSeconds(settings.settleTimeoutSeconds()));
                startup.put("register_ms", millisSince(r0));
                startup.put("metric_specs", specs);
                keda.start(
                        Duration.ofSeconds(settings.pollingIntervalSeconds()),
                        Duration.ofSeconds(settings.hpaIntervalSeconds()),
                        settings.streams());
                boolean settled = settle(app, stats, adminCalls, controllerThread, r0);
                startup.put("settle_ms", millisSince(r0));
                startup.put("settled", settled);
                startup.put("steady_pairs", steadyPairs(app));
                Map<String, Histogram> startupRpc = stats.newWindow();
                Map<String, Map<String, Double>> startupLatency = new LinkedHashMap<>();
                startupRpc.forEach((k, h) -> startupLatency.put(k, PointResult.latency(h, millisSince(r0) / 1000.0)));
                startup.put("rpc", startupLatency);
                Map<String, Long> startupErrors = stats.errorCounts();
                AdminCalls.Snapshot adminAtStart = adminCalls.snapshot();
                long busyAtStart = controllerThread.busyNanos();
                controllerThread.taskInterval();
                Histogram tasks = new Histogram(3);
                threadCpu.mark();
                long cpuAtStart = processCpuNanos();
                double loadStart = loadAverage();
                long w0 = System.nanoTime();
                long end = w0 + TimeUnit.SECONDS.toNanos(settings.durationSeconds());
                AdminCalls.Snapshot lastAdmin = adminAtStart;
                long lastBusy = busyAtStart;
                while (System.nanoTime() < end) {
                    Thread.sleep(Math.min(1_000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
                    Map<String, Histogram> second = stats.roll();
                    AdminCalls.Snapshot admin = adminCalls.snapshot();
                    long busy = controllerThread.busyNanos();
                    tasks.add(controllerThread.taskInterval());
                    line(
                            "measure",
                            (System.nanoTime() - w0) / 1e9,
                            steadyPairs(app),
                            second,
                            stats,
                            admin.minus(lastAdmin),
                            (busy - lastBusy) / 1e9,
                            keda.openStreams());
                    lastAdmin = admin;
                    lastBusy = busy;
                }
                double seconds = (System.nanoTime() - w0) / 1e9;
                Map<String, Histogram> window = stats.window();
                Map<String, Long> errors = stats.windowErrors();
                AdminCalls.Snapshot adminWindow = adminCalls.snapshot().minus(adminAtStart);
                double busyFraction = (controllerThread.busyNanos() - busyAtStart) / 1e9 / seconds;
                Map<String, Double> cpuGroups = threadCpu.secondsByGroup();
                long cpuUsed = processCpuNanos() - cpuAtStart;
                double loadEnd = loadAverage();
                Map<String, Long> streams =
                        Map.of("open_at_end", (long) keda.openStreams(), "pushes", stats.windowPushes());
                int steady = steadyPairs(app);
                keda.close();
                double heapWith = heapAfterGc(memory);

                Map<String, Map<String, Double>> rpc = new LinkedHashMap<>();
                window.forEach((k, h) -> rpc.put(k, PointResult.latency(h, seconds)));
                Map<String, Object> admin = adminSummary(adminWindow, seconds, steady);
                Map<String, Double> controller = new LinkedHashMap<>();
                controller.put("busy_fraction", busyFraction);
                controller.put("task_p50_ms", tasks.getTotalCount() == 0 ? 0 : tasks.getValueAtPercentile(50) / 1000.0);
                controller.put("task_p99_ms", tasks.getTotalCount() == 0 ? 0 : tasks.getValueAtPercentile(99) / 1000.0);
                controller.put("task_max_ms", tasks.getMaxValue() / 1000.0);
                controller.put("tasks_per_s", tasks.getTotalCount() / seconds);
                Map<String, Double> heap = new LinkedHashMap<>();
                heap.put("before_scaler_mb", heapBefore);
                heap.put("with_scaler_mb", heapWith);
                heap.put("scaler_mb", heapWith - heapBefore);
                heap.put("per_pair_kb", (heapWith - heapBefore) * 1024 / point.pairs());
                Map<String, Object> cpu = new LinkedHashMap<>();
                int cores = Runtime.getRuntime().availableProcessors();
                cpu.put("cores", cores);
                cpu.put("process_fraction_of_all_cores", cpuUsed < 0 ? null : cpuUsed / 1e9 / seconds / cores);
                Map<String, Double> perGroup = new LinkedHashMap<>();
                cpuGroups.forEach((g, s) -> perGroup.put(g, s / seconds));
                cpu.put("cpu_seconds_per_second_by_group", perGroup);
                Map<String, Double> load = new LinkedHashMap<>();
                load.put("start", loadStart);
                load.put("end", loadEnd);
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                return new PointResult(
                        point.pairs(),
                        point.partitions(),
                        objects.size(),
                        topicCount,
                        topicCount * point.partitions(),
                        startup,
                        seconds,
                        rpc,
                        errors,
                        startupErrors,
                        streams,
                        admin,
                        adminAtStart.calls(),
                        controller,
                        heap,
                        cpu,
                        fleet.commandsSeen(),
                        load);
            }
        } finally {
            timer.shutdownNow();
            callers.shutdownNow();
            callbacks.shutdownNow();
            clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Waits until every pair is STEADY or the settle timeout passed, with a progress line a second. */
    private boolean settle(
            ScalerApp app, RpcStats stats, AdminCalls adminCalls, TimedExecutor controllerThread, long since)
            throws InterruptedException {
        long deadline = since + TimeUnit.SECONDS.toNanos(settings.settleTimeoutSeconds());
        AdminCalls.Snapshot last = adminCalls.snapshot();
        long lastBusy = controllerThread.busyNanos();
        while (true) {
            int steady = steadyPairs(app);
            if (steady >= point.pairs()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                progress.printf(
                        "[%s] settle timeout: %d of %d pairs STEADY; measuring anyway%n", point, steady, point.pairs());
                return false;
            }
            Thread.sleep(1_000);
            AdminCalls.Snapshot admin = adminCalls.snapshot();
            long busy = controllerThread.busyNanos();
            line(
                    "settle",
                    (System.nanoTime() - since) / 1e9,
                    steadyPairs(app),
                    stats.roll(),
                    stats,
                    admin.minus(last),
                    (busy - lastBusy) / 1e9,
                    -1);
            last = admin;
            lastBusy = busy;
        }
    }

    private void line(
            String phase,
            double t,
            int steady,
            Map<String, Histogram> second,
            RpcStats stats,
            AdminCalls.Snapshot admin,
            double busySeconds,
            int streams) {
        long calls = second.get(RpcStats.GET_METRICS).getTotalCount()
                + second.get(RpcStats.IS_ACTIVE).getTotalCount()
                + second.get(RpcStats.GET_METRIC_SPEC).getTotalCount();
        StringBuilder adminLine = new StringBuilder();
        admin.calls().forEach((k, v) -> {
            if (v > 0) {
                adminLine.append(' ').append(k).append(' ').append(v);
            }
        });
        progress.printf(
                Locale.ROOT,
                "[%s] %s %5.0fs  steady %d/%d  rpc %d/s  GetMetrics p99 %.1f ms  IsActive p99 %.1f ms"
                        + "  late p99 %.1f ms  errors %d  admin %d/s (%s)  controller busy %.0f%%%s%n",
                point,
                phase,
                t,
                steady,
                point.pairs(),
                calls,
                p99(second.get(RpcStats.GET_METRICS)),
                p99(second.get(RpcStats.IS_ACTIVE)),
                p99(second.get(RpcStats.LATENESS)),
                stats.totalErrors(),
                admin.totalCalls(),
                adminLine.toString().trim(),
                busySeconds * 100,
                streams >= 0 && settings.streams() ? "  streams " + streams : "");
    }

    private static double p99(Histogram h) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0;
    }

    private static Map<String, Object> adminSummary(AdminCalls.Snapshot window, double seconds, int pairs) {
        Map<String, Object> admin = new LinkedHashMap<>();
        admin.put("calls_per_s", window.totalCalls() / seconds);
        admin.put("calls_per_s_per_pair", pairs == 0 ? 0 : window.totalCalls() / seconds / pairs);
        Map<String, Double> calls = new LinkedHashMap<>();
        Map<String, Double> items = new LinkedHashMap<>();
        window.calls().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (e.getValue() > 0) {
                calls.put(e.getKey(), e.getValue() / seconds);
                items.put(e.getKey(), window.items().getOrDefault(e.getKey(), 0L) / seconds);
            }
        });
        admin.put("calls_per_s_by_method", calls);
        admin.put("items_per_s_by_method", items);
        return admin;
    }

    private static int steadyPairs(ScalerApp app) {
        int n = 0;
        for (PairState s : app.controller().states()) {
            if (s.phase() == PairPhase.STEADY) {
                n++;
            }
        }
        return n;
    }
}
