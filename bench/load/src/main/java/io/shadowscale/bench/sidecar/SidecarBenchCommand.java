package io.shadowscale.bench.sidecar;

import io.shadowscale.bench.load.CeilingSearch;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Activate;
import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.testkit.cli.BenchCli;
import io.shadowscale.testkit.cli.BenchLogs;
import io.shadowscale.testkit.fleet.FleetWorker;
import io.shadowscale.testkit.fleet.OutputTap;
import io.shadowscale.testkit.fleet.SidecarLauncher;
import io.shadowscale.testkit.fleet.WorkerLauncher;
import io.shadowscale.testkit.fleet.WorkerTemplate;
import io.shadowscale.testkit.keda.PairBootstrap;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.worker.Worker;
import io.shadowscale.worker.example.ExampleProcessor;
import io.shadowscale.worker.model.WorkerMode;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * {@code bench sidecar}: the cost of the sidecar hop. One worker on a real local broker, in the
 * same run: with the example processor in the worker ({@code java}) and in sidecar mode with the
 * Node.js example processor beside it ({@code node}). Per variant the highest sustained rate
 * (probes double, then bisect: a probe passes when the producer kept pace and the lag at the end
 * of production was at most one second of traffic), then both at one common rate (half the lower
 * ceiling) for end-to-end latency p50/p99, send time to output produced (acked, for node). Prints
 * the probes and {@code RESULT} lines with the ratios.
 */
public final class SidecarBenchCommand {
    private static final String CONTROL = "sidecar.control";
    private static final String OUTPUT = "sidecar.out";

    /** One probe's figures. */
    record ProbeRun(
            String variant,
            int rate,
            boolean sustained,
            double outRate,
            long lagAtEnd,
            double p50Ms,
            double p99Ms,
            String reason) {}

    private final SidecarBenchOptions options;
    private final LocalKafka kafka;
    private final Clock clock = Clock.systemUTC();
    private int probes;

    private SidecarBenchCommand(SidecarBenchOptions options, LocalKafka kafka) {
        this.options = options;
        this.kafka = kafka;
    }

    public static void main(String[] args) throws Exception {
        SidecarBenchOptions.Line line = new SidecarBenchOptions.Line();
        BenchCli.parseOrExit(line, args);
        SidecarBenchOptions options = line.options();
        BenchLogs.quiet();
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopic(CONTROL, 1);
            kafka.createTopic(OUTPUT, options.partitions());
            new SidecarBenchCommand(options, kafka).run();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Map<String, ProbeRun> ceilings = new LinkedHashMap<>();
        for (String variant : options.processors()) {
            Map<Integer, ProbeRun> runs = new LinkedHashMap<>();
            CeilingSearch.Outcome outcome = CeilingSearch.find(options.startRate(), options.probes(), 0.1, rate -> {
                ProbeRun run = probe(variant, rate);
                runs.put(rate, run);
                return new CeilingSearch.Probe(
                        rate, run.sustained(), run.outRate(), run.lagAtEnd(), options.probeSeconds(), run.reason());
            });
            ProbeRun best = runs.get(outcome.sustainedRate());
            ceilings.put(variant, best);
            System.out.printf(
                    Locale.ROOT,
                    "CEILING %s %d msg/s (lowest failed %d)%n",
                    variant,
                    outcome.sustainedRate(),
                    outcome.failedRate());
        }
        int lowest = ceilings.values().stream()
                .mapToInt(r -> r == null ? 0 : r.rate())
                .min()
                .orElse(0);
        int common = Math.max(100, lowest / 2);
        Map<String, ProbeRun> atCommon = new LinkedHashMap<>();
        for (String variant : options.processors()) {
            atCommon.put(variant, probe(variant, common));
        }
        for (String variant : options.processors()) {
            ProbeRun ceiling = ceilings.get(variant);
            ProbeRun same = atCommon.get(variant);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT sidecar %s ceiling=%d msg/s latency_at_%d p50=%.1f ms p99=%.1f ms%n",
                    variant,
                    ceiling == null ? 0 : ceiling.rate(),
                    common,
                    same.p50Ms(),
                    same.p99Ms());
        }
        if (ceilings.containsKey("java")
                && ceilings.containsKey("node")
                && ceilings.get("java") != null
                && ceilings.get("node") != null) {
            ProbeRun j = atCommon.get("java");
            ProbeRun n = atCommon.get("node");
            System.out.printf(
                    Locale.ROOT,
                    "RESULT sidecar ratio node/java: ceiling %.2f, p50 %.2f, p99 %.2f%n",
                    ceilings.get("node").rate() / (double) ceilings.get("java").rate(),
                    n.p50Ms() / j.p50Ms(),
                    n.p99Ms() / j.p99Ms());
        }
    }

    /** One worker of {@code variant} under {@code rate} msg/s for the probe's seconds, on a fresh topic and pair. */
    ProbeRun probe(String variant, int rate) throws Exception {
        probes++;
        PairKey pair = new PairKey("bench", "sc-" + variant + "-" + probes);
        String topic = "sidecar." + variant + "." + probes;
        kafka.createTopic(topic, options.partitions());
        PairBootstrap.seedFromEarliest(kafka.admin(), pair, List.of(topic));
        AtomicLong processed = new AtomicLong();
        Recorder latency = new Recorder(3);
        OutputTap.Tap tap = (context, input, output) -> {
            ByteBuffer value = ByteBuffer.wrap(output.value());
            value.getLong();
            Instant now = clock.instant();
            latency.recordValue(
                    Math.max(0, now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000 - value.getLong()));
            processed.incrementAndGet();
        };
        WorkerLauncher launcher = variant.equals("node")
                ? new SidecarLauncher((id, sidecar) -> new OutputTap(sidecar, tap), clock, null)
                : WorkerLauncher.inProcess(id -> new OutputTap(new ExampleProcessor(clock), tap), clock);
        String workerId = pair.name() + "-blue-1";
        Map<String, String> env = WorkerTemplate.with(
                WorkerTemplate.of(
                        kafka.bootstrapServers(),
                        List.of(topic),
                        CONTROL,
                        ExampleProcessor.class.getName(),
                        Duration.ofMillis(500)),
                Map.of(
                        "SHADOWSCALE_PAIR_NAMESPACE",
                        pair.namespace(),
                        "SHADOWSCALE_PAIR_NAME",
                        pair.name(),
                        "SHADOWSCALE_SLOT",
                        SlotName.BLUE.label(),
                        "SHADOWSCALE_WORKER_ID",
                        workerId,
                        "SHADOWSCALE_OUTPUT_TOPIC",
                        OUTPUT));
        try (FleetWorker member = launcher.launch(workerId, env)) {
            Worker worker = member instanceof SidecarLauncher.SidecarWorker s
                    ? s.worker()
                    : ((WorkerLauncher.InProcessWorker) member).worker();
            worker.accept(ControlEnvelope.newBuilder()
                    .setPair(pair.toProto())
                    .setEpoch(1)
                    .setSentAtMs(clock.millis())
                    .setSender("bench-sidecar")
                    .setCommand(Command.newBuilder()
                            .setSlot(SlotName.BLUE.toProto())
                            .setCommandId(1)
                            .setActivate(Activate.getDefaultInstance()))
                    .build());
            long readyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(worker.mode() == WorkerMode.ACTIVE && worker.snapshot().ready())) {
                if (System.nanoTime() > readyBy) {
                    throw new IllegalStateException(workerId + " not ACTIVE and ready within 60 s");
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            latency.getIntervalHistogram();
            Duration length = Duration.ofSeconds(options.probeSeconds());
            long started = System.nanoTime();
            try (PacedProducer producer = PacedProducer.builder(kafka.clientProperties(), topic)
                    .partitions(options.partitions())
                    .recordSize(options.recordSize())
                    .rate(rate)
                    .duration(length)
                    .maxRecords((long) rate * options.probeSeconds())
                    .clock(clock)
                    .build()
                    .start()) {
                producer.await(length.plusSeconds(30));
                double productionS = (System.nanoTime() - started) / 1e9;
                long lag = producer.sent() - processed.get();
                Histogram h = latency.getIntervalHistogram();
                double outRate = processed.get() / productionS;
                String reason = producer.failure() != null
                        ? "producer failed: " + producer.failure()
                        : productionS > options.probeSeconds() + 1.0
                                ? String.format(Locale.ROOT, "producer fell behind: %.1f s", productionS)
                                : lag > rate ? "lag " + lag + " > 1 s of traffic (" + rate + ")" : "sustained";
                ProbeRun run = new ProbeRun(
                        variant,
                        rate,
                        reason.equals("sustained"),
                        outRate,
                        lag,
                        h.getValueAtPercentile(50) / 1e3,
                        h.getValueAtPercentile(99) / 1e3,
                        reason);
                System.out.printf(
                        Locale.ROOT,
                        "PROBE %s %,d msg/s: %s; out %,.0f msg/s, lag %,d, p50 %.1f ms, " + "p99 %.1f ms%n",
                        variant,
                        rate,
                        reason,
                        outRate,
                        lag,
                        run.p50Ms(),
                        run.p99Ms());
                return run;
            }
        }
    }
}
