package io.shadowscale.worker.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.shadowscale.common.Partition;
import io.shadowscale.worker.model.CommitKind;
import io.shadowscale.worker.model.HandoffGap;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.model.WorkerSnapshot;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * A worker's Prometheus metrics (Prometheus Java client), read from its {@link WorkerSnapshot}:
 * gauges and counters are callbacks on the latest snapshot at scrape time, so nothing here runs in
 * the poll loop. The fence and handoff duration histograms, the handoff gap histogram and the
 * refusal counter are fed by {@link #published}, which sees every status the worker publishes (each
 * fence and each handoff publishes one): a duration once per rise of the snapshot's fence or handoff
 * count, a gap once per partition and handoff epoch. The commit histogram is fed by
 * {@link #committed}, where each commit happens. Every sample carries the worker's constant labels
 * (pair, slot, worker).
 */
public final class WorkerMetrics {
    /** Bounds of the duration histograms, in seconds: 1 ms to 30 s. */
    static final double[] DURATION_BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
    };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram handoffDuration;
    private final Histogram fenceDuration;
    private final Histogram handoffGap;
    private final Histogram commitDuration;
    private final Counter refused;
    private long handoffsSeen;
    private long fencesSeen;
    private long gapEpoch = -1;
    private final Set<Partition> gapsSeen = new HashSet<>();

    public WorkerMetrics(Supplier<WorkerSnapshot> snapshot, Map<String, String> labels) {
        Objects.requireNonNull(snapshot, "snapshot");
        TreeMap<String, String> sorted = new TreeMap<>(labels);
        Labels constant = Labels.of(List.copyOf(sorted.keySet()), List.copyOf(sorted.values()));
        GaugeWithCallback.builder()
                .name("shadowscale_worker_mode")
                .constLabels(constant)
                .labelNames("mode")
                .help("1 for the worker's current mode, 0 for the others.")
                .callback(cb -> {
                    WorkerMode now = snapshot.get().mode();
                    for (WorkerMode mode : WorkerMode.values()) {
                        cb.call(mode == now ? 1 : 0, mode.name());
                    }
                })
                .register(registry);
        gauge(
                "shadowscale_worker_ready",
                "1 when SHADOW with a stable assignment, or ACTIVE.",
                constant,
                () -> snapshot.get().ready() ? 1 : 0);
        gauge(
                "shadowscale_worker_poll_loop_failed",
                "1 once the poll loop stopped on an error (a processor or "
                        + "Kafka exception; /healthz answers 503), 0 while it runs.",
                constant,
                () -> snapshot.get().failure().isEmpty() ? 0 : 1);
        gauge(
                "shadowscale_worker_epoch",
                "Newest pair epoch seen.",
                constant,
                () -> snapshot.get().epoch());
        gauge(
                "shadowscale_worker_assigned_partitions",
                "Partitions assigned by the slot group.",
                constant,
                () -> snapshot.get().assigned().size());
        gauge(
                "shadowscale_worker_active_partitions",
                "Partitions being processed.",
                constant,
                () -> snapshot.get().active().size());
        gauge(
                "shadowscale_worker_fenced_partitions",
                "Partitions lost to a newer owner's transactional fence.",
                constant,
                () -> snapshot.get().fenced().size());
        gauge(
                "shadowscale_worker_last_handoff_seconds",
                "Handoff or barrier command to partitions started, last one.",
                constant,
                () -> seconds(snapshot.get().lastHandoff()));
        gauge(
                "shadowscale_worker_last_fence_seconds",
                "Fence command to stop offsets committed, last fence.",
                constant,
                () -> seconds(snapshot.get().lastFence()));
        gauge(
                "shadowscale_worker_held_records",
                "Records held in the read-ahead, waiting for a handoff or a barrier to start their partition.",
                constant,
                () -> snapshot.get().heldRecords());
        counter(
                "shadowscale_worker_records_processed_total",
                "Records handed to the processor.",
                constant,
                () -> snapshot.get().recordsProcessed());
        counter(
                "shadowscale_worker_fences_total",
                "Fences carried out.",
                constant,
                () -> snapshot.get().fences());
        counter(
                "shadowscale_worker_records_failed_total",
                "Processing attempts that threw (each retry counts).",
                constant,
                () -> snapshot.get().errors().failed());
        counter(
                "shadowscale_worker_records_retried_total",
                "Attempts repeated after a failure, each after a backoff.",
                constant,
                () -> snapshot.get().errors().retried());
        counter(
                "shadowscale_worker_records_dead_lettered_total",
                "Records written to the dead-letter topic instead of being processed.",
                constant,
                () -> snapshot.get().errors().deadLettered());
        counter(
                "shadowscale_worker_handoffs_total",
                "Barriers or planned handoffs that started partitions.",
                constant,
                () -> snapshot.get().handoffs());
        GaugeWithCallback.builder()
                .name("shadowscale_worker_partition_position")
                .constLabels(constant)
                .labelNames("topic", "partition")
                .help("Next offset to process (ACTIVE), to fetch (SHADOW) or stop offset (DRAINING).")
                .callback(cb -> {
                    for (Map.Entry<Partition, Long> e :
                            snapshot.get().positions().entrySet()) {
                        cb.call(
                                e.getValue(),
                                e.getKey().topic(),
                                Integer.toString(e.getKey().partition()));
                    }
                })
                .register(registry);
        handoffDuration = Histogram.builder()
                .name("shadowscale_worker_handoff_duration_seconds")
                .constLabels(constant)
                .help("Barrier or handoff command to partitions started (the gap is handoff_gap_seconds).")
                .classicUpperBounds(DURATION_BOUNDS)
                .classicOnly()
                .register(registry);
        fenceDuration = Histogram.builder()
                .name("shadowscale_worker_fence_duration_seconds")
                .constLabels(constant)
                .help("Fence command to stop offsets committed.")
                .classicUpperBounds(DURATION_BOUNDS)
                .classicOnly()
                .register(registry);
        handoffGap = Histogram.builder()
                .name("shadowscale_worker_handoff_gap_seconds")
                .constLabels(constant)
                .help("Per partition started at a handoff: the old owner's stop to this worker's start (two clocks).")
                .classicUpperBounds(DURATION_BOUNDS)
                .classicOnly()
                .register(registry);
        commitDuration = Histogram.builder()
                .name("shadowscale_worker_commit_duration_seconds")
                .constLabels(constant)
                .labelNames("kind")
                .help("Successful commits: offsets (to the slot group) or transaction (exactly-once), call to done.")
                .classicUpperBounds(DURATION_BOUNDS)
                .classicOnly()
                .register(registry);
        for (CommitKind kind : CommitKind.values()) {
            commitDuration.labelValues(kind.label());
        }
        refused = Counter.builder()
                .name("shadowscale_worker_control_commands_refused_total")
                .constLabels(constant)
                .help("Control commands the worker refused (answered with a reason).")
                .register(registry);
    }

    /** The registry to expose (its metrics only: one registry per worker, several workers per JVM work). */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Called with every status the worker publishes: a rise of the handoff (fence) count records
     * the snapshot's last handoff (fence) duration; a non-empty {@code refusal} counts a refused command.
     */
    public synchronized void published(WorkerSnapshot s, String refusal) {
        if (s.handoffs() > handoffsSeen) {
            handoffsSeen = s.handoffs();
            handoffDuration.observe(seconds(s.lastHandoff()));
        }
        if (s.fences() > fencesSeen) {
            fencesSeen = s.fences();
            fenceDuration.observe(seconds(s.lastFence()));
        }
        for (HandoffGap gap : s.handoffGaps()) {
            if (gap.epoch() != gapEpoch) {
                gapEpoch = gap.epoch();
                gapsSeen.clear();
            }
            if (gapsSeen.add(gap.partition())) {
                handoffGap.observe(seconds(gap.gap()));
            }
        }
        if (!refusal.isEmpty()) {
            refused.inc();
        }
    }

    /** Called with each successful commit where it happens (the poll thread), with how long it took. */
    public void committed(CommitKind kind, Duration took) {
        commitDuration.labelValues(kind.label()).observe(seconds(took));
    }

    private void gauge(String name, String help, Labels constant, DoubleSupplier value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .constLabels(constant)
                .callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }

    private void counter(String name, String help, Labels constant, DoubleSupplier value) {
        CounterWithCallback.builder()
                .name(name)
                .help(help)
                .constLabels(constant)
                .callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
