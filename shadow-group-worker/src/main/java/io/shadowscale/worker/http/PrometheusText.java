package io.shadowscale.worker.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.shadowscale.worker.model.PartitionId;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.model.WorkerSnapshot;

/** Renders a worker snapshot in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    /**
     * @param labels labels on every sample, e.g. pair, slot and worker
     */
    public static String render(WorkerSnapshot s, Map<String, String> labels) {
        String base = labelText(labels);
        StringBuilder out = new StringBuilder();
        metric(out, "shadowscale_worker_records_processed_total", "counter", "Records handed to the processor.",
                base, Long.toString(s.recordsProcessed()));
        header(out, "shadowscale_worker_mode", "gauge", "1 for the worker's current mode, 0 for the others.");
        for (WorkerMode mode : WorkerMode.values()) {
            sample(out, "shadowscale_worker_mode", with(base, "mode", mode.name()), s.mode() == mode ? "1" : "0");
        }
        metric(out, "shadowscale_worker_ready", "gauge", "1 when SHADOW with a stable assignment, or ACTIVE.",
                base, s.ready() ? "1" : "0");
        metric(out, "shadowscale_worker_epoch", "gauge", "Newest pair epoch seen.", base, Long.toString(s.epoch()));
        metric(out, "shadowscale_worker_assigned_partitions", "gauge", "Partitions assigned by the slot group.",
                base, Integer.toString(s.assigned().size()));
        metric(out, "shadowscale_worker_active_partitions", "gauge", "Partitions being processed.",
                base, Integer.toString(s.active().size()));
        metric(out, "shadowscale_worker_fences_total", "counter", "Fences carried out.", base, Long.toString(s.fences()));
        metric(out, "shadowscale_worker_handoffs_total", "counter", "Barriers that started partitions.",
                base, Long.toString(s.handoffs()));
        metric(out, "shadowscale_worker_last_fence_seconds", "gauge",
                "Fence command to stop offsets committed, last fence.", base, seconds(s.lastFence()));
        metric(out, "shadowscale_worker_last_handoff_seconds", "gauge",
                "Barrier command to partitions started, last barrier.", base, seconds(s.lastHandoff()));
        metric(out, "shadowscale_worker_fenced_partitions", "gauge",
                "Partitions lost to a newer owner's transactional fence.", base, Integer.toString(s.fenced().size()));
        metric(out, "shadowscale_worker_records_failed_total", "counter",
                "Processing attempts that threw (each retry counts).", base, Long.toString(s.errors().failed()));
        metric(out, "shadowscale_worker_records_retried_total", "counter",
                "Attempts repeated after a failure, each after a backoff.", base, Long.toString(s.errors().retried()));
        metric(out, "shadowscale_worker_records_dead_lettered_total", "counter",
                "Records written to the dead-letter topic instead of being processed.", base,
                Long.toString(s.errors().deadLettered()));
        header(out, "shadowscale_worker_partition_position", "gauge",
                "Next offset to process (ACTIVE), to fetch (SHADOW) or stop offset (DRAINING).");
        for (Map.Entry<PartitionId, Long> e : s.positions().entrySet()) {
            sample(out, "shadowscale_worker_partition_position",
                    with(with(base, "topic", e.getKey().topic()), "partition", Integer.toString(e.getKey().partition())),
                    Long.toString(e.getValue()));
        }
        return out.toString();
    }

    private static void metric(StringBuilder out, String name, String type, String help, String labels, String value) {
        header(out, name, type, help);
        sample(out, name, labels, value);
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, String value) {
        out.append(name).append(labels.isEmpty() ? "" : "{" + labels + "}").append(' ').append(value).append('\n');
    }

    private static String labelText(Map<String, String> labels) {
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(labels).forEach((k, v) -> text.append(text.length() == 0 ? "" : ",")
                .append(k).append("=\"").append(escape(v)).append('"'));
        return text.toString();
    }

    private static String with(String labels, String key, String value) {
        String label = key + "=\"" + escape(value) + "\"";
        return labels.isEmpty() ? label : labels + "," + label;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.6f", d.toNanos() / 1e9);
    }
}
