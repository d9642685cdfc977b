package io.shadowscale.demo;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.scaler.ScalerApp;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.policy.ThroughputPolicy;
import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.fleet.MonitoredLauncher;
import io.shadowscale.testkit.fleet.OutputTap;
import io.shadowscale.testkit.fleet.PairFleet;
import io.shadowscale.testkit.fleet.SidecarLauncher;
import io.shadowscale.testkit.fleet.WorkerLauncher;
import io.shadowscale.testkit.keda.KedaOptions;
import io.shadowscale.testkit.keda.LocalKeda;
import io.shadowscale.testkit.keda.PairBootstrap;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.stand.LocalStand;
import io.shadowscale.worker.example.ExampleProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code bench demo}: the whole of Shadowscale on one machine, no Kubernetes. A real local broker,
 * the wired scaler (pair controller + gRPC server), the local KEDA stand-in polling it over
 * loopback gRPC and starting in-process workers per slot, and a producer playing a compressed day.
 * Prints a progress line every second and writes {@code reports/demo/<timestamp>/}.
 */
public final class DemoCommand {
    static final PairKey PAIR = new PairKey("demo", "orders");
    static final String INPUT = "demo.orders";
    static final String OUTPUT = "demo.orders.out";
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(90);

    private DemoCommand() {}

    public static void main(String[] args) throws Exception {
        DemoOptions.Line line = new DemoOptions.Line();
        BenchCli.parseOrExit(line, args);
        DemoOptions options = line.options();
        Clock clock = Clock.systemUTC();
        Path dir = options.out()
                .resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(clock.instant()));
        Files.createDirectories(dir);
        DemoLogging.toFile(dir.resolve("demo.log"));
        DemoReport report = run(options, dir, clock);
        report.write(dir);
        System.out.println();
        System.out.println(report.summary());
        System.out.println("report: " + dir.resolve("report.html").toAbsolutePath());
        System.exit(report.duplicates() == 0 && report.missing() == 0 ? 0 : 1);
    }

    static DemoReport run(DemoOptions o, Path dir, Clock clock) throws Exception {
        step("starting a local Kafka broker");
        try (LocalKafka kafka = LocalKafka.builder()
                .brokerProperty("group.consumer.heartbeat.interval.ms", "500")
                .brokerProperty("group.consumer.min.heartbeat.interval.ms", "500")
                .start()) {
            kafka.createTopic(INPUT, o.partitions());
            kafka.createTopic(OUTPUT, o.partitions());
            PairBootstrap.seedFromEarliest(kafka.admin(), PAIR, List.of(INPUT));
            step("broker " + kafka.bootstrapServers() + "; starting the scaler (pair controller + gRPC)");
            long capacity = o.day().totalRecords() + 1_000_000;
            DemoProcessor.Meters meters = DemoProcessor.Meters.create(capacity);
            LocalStand stand = LocalStand.builder(PAIR, kafka.bootstrapServers(), List.of(INPUT))
                    .controlTopics("demo.control", "demo.state")
                    .workerEnv(Map.of("SHADOWSCALE_OUTPUT_TOPIC", OUTPUT))
                    .scalingKeys(Map.of(
                            "workerCapacity",
                            Long.toString((long) o.workerCapacity()),
                            "scaleUpDelaySeconds",
                            Long.toString(o.scaleUpDelay().toSeconds()),
                            "scaleDownDelaySeconds",
                            Long.toString(o.scaleDownDelay().toSeconds()),
                            "warmupTimeoutSeconds",
                            "90"))
                    .kedaOptions(KedaOptions.defaults().withPollingInterval(o.pollingInterval()))
                    .clock(clock)
                    .build();
            try (ScalerApp scaler = stand.startScaler(new ThroughputPolicy());
                    LocalStand.Keda loop = stand.startKeda(
                            scaler.grpcPort(),
                            stand.fleet(ExampleProcessor.class.getName(), launcher(o, dir, meters, clock)))) {
                PairFleet fleet = loop.fleet();
                LocalKeda keda = loop.keda();
                step("scaler gRPC on 127.0.0.1:" + scaler.grpcPort() + ", admin http://127.0.0.1:" + scaler.adminPort()
                        + "/pairs; local KEDA polling every "
                        + o.pollingInterval().toSeconds() + " s");
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!phase(scaler).equals("STEADY") && System.nanoTime() < waitUntil) {
                    Thread.sleep(200);
                }
                step("pair " + PAIR + " " + phase(scaler) + " with " + fleet.replicas() + "; playing a "
                        + o.day().length().toSeconds() + " s day: "
                        + (long) o.day().base() + " -> "
                        + (long) o.day().peak() + " -> " + (long) o.day().base() + " msg/s");
                Instant origin = clock.instant();
                List<Second> seconds = new ArrayList<>();
                Histogram total = new Histogram(3);
                try (PacedProducer producer = PacedProducer.builder(kafka.clientProperties(), INPUT)
                        .partitions(o.partitions())
                        .recordSize(o.recordSize())
                        .rateCurve(o.day()::rateAt)
                        .duration(o.day().length())
                        .maxRecords(capacity)
                        .clock(clock)
                        .build()
                        .start()) {
                    Meter meter = new Meter(kafka.admin(), o.partitions());
                    long next = System.nanoTime();
                    long drainEnd = Long.MAX_VALUE;
                    while (true) {
                        next += 1_000_000_000L;
                        long sleep = next - System.nanoTime();
                        if (sleep > 0) {
                            TimeUnit.NANOSECONDS.sleep(sleep);
                        }
                        Histogram h = meters.latencyMicros().getIntervalHistogram();
                        total.add(h);
                        Map<SlotName, Integer> running = fleet.replicas();
                        long elapsed = Duration.between(origin, clock.instant()).toMillis();
                        double asked =
                                elapsed < o.day().length().toMillis() ? o.day().rateAt(elapsed) : 0;
                        Second s = meter.sample(
                                elapsed / 1e3, asked, meters.processed().get(), running, phase(scaler), h);
                        seconds.add(s);
                        System.out.println(progress(s));
                        if (!producer.running() && drainEnd == Long.MAX_VALUE) {
                            drainEnd = System.nanoTime() + DRAIN_BOUND.toNanos();
                            step("day over: " + String.format(Locale.ROOT, "%,d", producer.sent())
                                    + " records produced; waiting for the workers to finish (at most "
                                    + DRAIN_BOUND.toSeconds() + " s)");
                        }
                        if (drainEnd != Long.MAX_VALUE
                                && (meters.processed().get() >= producer.sent() || System.nanoTime() > drainEnd)) {
                            break;
                        }
                    }
                    if (producer.failure() != null) {
                        step("producer failure: " + producer.failure());
                    }
                    List<String> transitions =
                            scaler.controller().state(PAIR).map(PairState::history).orElse(List.of()).stream()
                                    .map(t -> String.format(
                                            Locale.ROOT,
                                            "%7.1f s  %-12s -> %-12s %s",
                                            Duration.between(origin, t.at()).toMillis() / 1e3,
                                            t.from(),
                                            t.to(),
                                            t.reason()))
                                    .toList();
                    long produced = producer.sent();
                    return new DemoReport(
                            o,
                            seconds,
                            keda.walks(),
                            transitions,
                            origin,
                            produced,
                            meters.processed().get(),
                            meters.tally().duplicates() + meters.tally().outOfRange(),
                            meters.tally().missing(produced),
                            new double[] {
                                total.getValueAtPercentile(50) / 1e3,
                                total.getValueAtPercentile(99) / 1e3,
                                total.getMaxValue() / 1e3
                            });
                }
            }
        }
    }

    /** The demo's workers: the example processor in process, or sidecar workers with Node.js processes. */
    static WorkerLauncher launcher(DemoOptions o, Path dir, DemoProcessor.Meters meters, Clock clock)
            throws IOException {
        if (!o.processor().equals("node")) {
            Path targets = dir.resolve("worker-metrics.txt");
            step("workers in process, each serving /metrics on its own port (the live ones in " + targets + ")");
            return new MonitoredLauncher(
                    id -> new DemoProcessor(meters, clock), clock, ports -> writeTargets(targets, ports));
        }
        Path logs = Files.createDirectories(dir.resolve("node"));
        step("workers in sidecar mode, each with a Node.js process (examples/node-processor; logs in " + logs + ")");
        return new SidecarLauncher(
                (id, sidecar) -> new OutputTap(
                        sidecar, (context, input, output) -> DemoProcessor.measure(meters, output.value(), clock)),
                clock,
                logs);
    }

    /** One line per live worker: its id and its metrics URL (rewritten on every change of the fleet). */
    private static void writeTargets(Path file, Map<String, Integer> ports) {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(ports)
                .forEach((id, port) -> lines.append(id)
                        .append(" http://127.0.0.1:")
                        .append(port)
                        .append("/metrics\n"));
        try {
            Files.writeString(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String progress(Second s) {
        return String.format(
                Locale.ROOT,
                "[%5.0fs] asked %,7.0f/s  in %,7.0f/s  out %,7.0f/s | blue %2d green %2d"
                        + " | lag %,9d | %-12s | p50 %6.1f ms p99 %7.1f ms",
                s.t(),
                s.asked(),
                s.inputRate(),
                s.outputRate(),
                s.blue(),
                s.green(),
                s.lag(),
                s.phase(),
                s.p50Ms(),
                s.p99Ms());
    }

    private static void step(String line) {
        System.out.println("== " + line);
    }

    private static String phase(ScalerApp scaler) {
        return scaler.controller().state(PAIR).map(s -> s.phase().name()).orElse("NONE");
    }

    /** Reads the topics' log-end offsets once a second and turns them into rates and lag. */
    private static final class Meter {
        private final Admin admin;
        private final Map<TopicPartition, OffsetSpec> input = new HashMap<>();
        private final Map<TopicPartition, OffsetSpec> output = new HashMap<>();
        private long lastIn = -1;
        private long lastOut = -1;
        private double lastT;

        Meter(Admin admin, int partitions) {
            this.admin = admin;
            for (int p = 0; p < partitions; p++) {
                input.put(new TopicPartition(INPUT, p), OffsetSpec.latest());
                output.put(new TopicPartition(OUTPUT, p), OffsetSpec.latest());
            }
        }

        Second sample(double t, double asked, long processed, Map<SlotName, Integer> running, String phase, Histogram h)
                throws Exception {
            long in = end(input);
            long out = end(output);
            double dt = lastIn < 0 ? t : t - lastT;
            double inRate = dt <= 0 ? 0 : (in - Math.max(0, lastIn)) / dt;
            double outRate = dt <= 0 ? 0 : (out - Math.max(0, lastOut)) / dt;
            lastIn = in;
            lastOut = out;
            lastT = t;
            boolean any = h.getTotalCount() > 0;
            return new Second(
                    t,
                    asked,
                    inRate,
                    outRate,
                    running.get(SlotName.BLUE),
                    running.get(SlotName.GREEN),
                    Math.max(0, in - processed),
                    phase,
                    any ? h.getValueAtPercentile(50) / 1e3 : -1,
                    any ? h.getValueAtPercentile(99) / 1e3 : -1,
                    any ? h.getMaxValue() / 1e3 : -1);
        }

        private long end(Map<TopicPartition, OffsetSpec> specs) throws Exception {
            return admin.listOffsets(specs).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset())
                    .sum();
        }
    }
}
