package io.shadowscale.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.shadowscale.common.Partition;
import io.shadowscale.worker.model.CommitKind;
import io.shadowscale.worker.model.HandoffGap;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.model.WorkerSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {
    private static final Partition P0 = new Partition("orders", 0);
    private static final Partition P1 = new Partition("orders", 1);

    @Test
    void exposesTheSnapshotAndRecordsEachNewHandoffAndFenceOnce() throws IOException {
        AtomicReference<WorkerSnapshot> current = new AtomicReference<>(snapshot(0, 0, Duration.ZERO));
        WorkerMetrics metrics = new WorkerMetrics(current::get, Map.of("slot", "blue", "pair", "shop/orders"));
        WorkerSnapshot afterHandoff = snapshot(1, 1, Duration.ofMillis(30));
        current.set(afterHandoff);
        metrics.published(afterHandoff, "");
        metrics.published(afterHandoff, ""); // a heartbeat with the same counts records nothing again
        metrics.published(afterHandoff, "WARM refused in ACTIVE: the worker is already processing");

        String text = scrape(metrics);

        assertThat(text)
                .contains(
                        "shadowscale_worker_mode{mode=\"ACTIVE\",pair=\"shop/orders\",slot=\"blue\"} 1.0\n",
                        "shadowscale_worker_mode{mode=\"SHADOW\",pair=\"shop/orders\",slot=\"blue\"} 0.0\n",
                        "shadowscale_worker_ready{pair=\"shop/orders\",slot=\"blue\"} 1.0\n",
                        "shadowscale_worker_poll_loop_failed{pair=\"shop/orders\",slot=\"blue\"} 1.0\n",
                        "shadowscale_worker_records_processed_total{pair=\"shop/orders\",slot=\"blue\"} 1234.0\n",
                        "shadowscale_worker_handoffs_total{pair=\"shop/orders\",slot=\"blue\"} 1.0\n",
                        "shadowscale_worker_partition_position{pair=\"shop/orders\",partition=\"1\",slot=\"blue\","
                                + "topic=\"orders\"} 20.0\n",
                        "shadowscale_worker_handoff_duration_seconds_bucket{pair=\"shop/orders\",slot=\"blue\","
                                + "le=\"0.025\"} 0\n",
                        "shadowscale_worker_handoff_duration_seconds_bucket{pair=\"shop/orders\",slot=\"blue\","
                                + "le=\"0.05\"} 1\n",
                        "shadowscale_worker_handoff_duration_seconds_count{pair=\"shop/orders\",slot=\"blue\"} 1\n",
                        "shadowscale_worker_handoff_duration_seconds_sum{pair=\"shop/orders\",slot=\"blue\"} 0.03\n",
                        "shadowscale_worker_fence_duration_seconds_count{pair=\"shop/orders\",slot=\"blue\"} 1\n",
                        "shadowscale_worker_control_commands_refused_total{pair=\"shop/orders\",slot=\"blue\"} 1.0\n");
    }

    @Test
    void aSnapshotWithoutNewHandoffsLeavesTheHistogramsEmpty() throws IOException {
        WorkerSnapshot idle = WorkerSnapshot.idle();
        WorkerMetrics metrics = new WorkerMetrics(() -> idle, Map.of("worker", "w1"));
        metrics.published(idle, "");

        assertThat(scrape(metrics))
                .contains(
                        "shadowscale_worker_handoff_duration_seconds_count{worker=\"w1\"} 0\n",
                        "shadowscale_worker_mode{mode=\"IDLE\",worker=\"w1\"} 1.0\n",
                        "shadowscale_worker_poll_loop_failed{worker=\"w1\"} 0.0\n",
                        "shadowscale_worker_control_commands_refused_total{worker=\"w1\"} 0.0\n");
    }

    @Test
    void recordsEachPartitionsGapOncePerHandoffAndTheHeldRecords() throws IOException {
        WorkerSnapshot first = WorkerSnapshot.builder()
                .mode(WorkerMode.ACTIVE)
                .heldRecords(37)
                .handoffGaps(List.of(new HandoffGap(P0, 9, Duration.ofNanos(31_250_000))))
                .build();
        AtomicReference<WorkerSnapshot> current = new AtomicReference<>(first);
        WorkerMetrics metrics = new WorkerMetrics(current::get, Map.of("worker", "green-1"));
        metrics.published(first, "");
        WorkerSnapshot second = WorkerSnapshot.builder()
                .mode(WorkerMode.ACTIVE)
                .handoffGaps(List.of(
                        new HandoffGap(P0, 9, Duration.ofNanos(31_250_000)),
                        new HandoffGap(P1, 9, Duration.ofMillis(375))))
                .build();
        metrics.published(second, ""); // P0 of epoch 9 again: not counted twice
        metrics.published(second, "");
        WorkerSnapshot nextWalk = WorkerSnapshot.builder()
                .mode(WorkerMode.ACTIVE)
                .handoffGaps(List.of(new HandoffGap(P0, 15, Duration.ofNanos(1_953_125))))
                .build();
        metrics.published(nextWalk, "");

        assertThat(scrape(metrics))
                .contains(
                        "shadowscale_worker_held_records{worker=\"green-1\"} 37.0\n",
                        "shadowscale_worker_handoff_gap_seconds_bucket{worker=\"green-1\",le=\"0.0025\"} 1\n",
                        "shadowscale_worker_handoff_gap_seconds_bucket{worker=\"green-1\",le=\"0.05\"} 2\n",
                        "shadowscale_worker_handoff_gap_seconds_bucket{worker=\"green-1\",le=\"0.25\"} 2\n",
                        "shadowscale_worker_handoff_gap_seconds_bucket{worker=\"green-1\",le=\"0.5\"} 3\n",
                        "shadowscale_worker_handoff_gap_seconds_count{worker=\"green-1\"} 3\n",
                        "shadowscale_worker_handoff_gap_seconds_sum{worker=\"green-1\"} 0.408203125\n");
    }

    @Test
    void recordsCommitsByKindWithBothSeriesFromTheStart() throws IOException {
        WorkerMetrics metrics = new WorkerMetrics(WorkerSnapshot::idle, Map.of("worker", "w1"));
        metrics.committed(CommitKind.OFFSETS, Duration.ofMillis(3));
        metrics.committed(CommitKind.OFFSETS, Duration.ofMillis(20));

        assertThat(scrape(metrics))
                .contains(
                        "shadowscale_worker_commit_duration_seconds_bucket{kind=\"offsets\",worker=\"w1\","
                                + "le=\"0.005\"} 1\n",
                        "shadowscale_worker_commit_duration_seconds_bucket{kind=\"offsets\",worker=\"w1\","
                                + "le=\"0.025\"} 2\n",
                        "shadowscale_worker_commit_duration_seconds_count{kind=\"offsets\",worker=\"w1\"} 2\n",
                        "shadowscale_worker_commit_duration_seconds_sum{kind=\"offsets\",worker=\"w1\"} 0.023\n",
                        "shadowscale_worker_commit_duration_seconds_count{kind=\"transaction\",worker=\"w1\"} 0\n");
    }

    private static WorkerSnapshot snapshot(long handoffs, long fences, Duration took) {
        return WorkerSnapshot.builder()
                .mode(WorkerMode.ACTIVE)
                .epoch(7)
                .ready(true)
                .assigned(Set.of(P0, P1))
                .active(Set.of(P0, P1))
                .positions(Map.of(P1, 20L, P0, 10L))
                .recordsProcessed(1234)
                .assignmentGeneration(3)
                .lastFence(took)
                .lastHandoff(took)
                .fences(fences)
                .handoffs(handoffs)
                .failure(handoffs > 0 ? "processor failed" : "")
                .build();
    }

    static String scrape(WorkerMetrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
