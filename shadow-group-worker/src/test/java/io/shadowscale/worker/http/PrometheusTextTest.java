package io.shadowscale.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.shadowscale.worker.model.ErrorCounts;
import io.shadowscale.worker.model.PartitionId;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.model.WorkerSnapshot;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    @Test
    void rendersEveryMetricWithTheWorkersLabels() {
        PartitionId p0 = new PartitionId("orders", 0);
        PartitionId p1 = new PartitionId("orders", 1);
        WorkerSnapshot snapshot = new WorkerSnapshot(WorkerMode.ACTIVE, 7, true, Set.of(p0, p1), Set.of(p0, p1),
                Map.of(p1, 20L, p0, 10L), Map.of(), Set.of(), 1234, 3, Duration.ofMillis(12), Duration.ofMillis(3), 1, 2,
                false, "").withErrors(new ErrorCounts(9, 6, 2));
        String text = PrometheusText.render(snapshot, Map.of("slot", "blue", "pair", "shop/orders"));
        assertThat(text).isEqualTo("""
                # HELP shadowscale_worker_records_processed_total Records handed to the processor.
                # TYPE shadowscale_worker_records_processed_total counter
                shadowscale_worker_records_processed_total{pair="shop/orders",slot="blue"} 1234
                # HELP shadowscale_worker_mode 1 for the worker's current mode, 0 for the others.
                # TYPE shadowscale_worker_mode gauge
                shadowscale_worker_mode{pair="shop/orders",slot="blue",mode="IDLE"} 0
                shadowscale_worker_mode{pair="shop/orders",slot="blue",mode="SHADOW"} 0
                shadowscale_worker_mode{pair="shop/orders",slot="blue",mode="ACTIVE"} 1
                shadowscale_worker_mode{pair="shop/orders",slot="blue",mode="DRAINING"} 0
                # HELP shadowscale_worker_ready 1 when SHADOW with a stable assignment, or ACTIVE.
                # TYPE shadowscale_worker_ready gauge
                shadowscale_worker_ready{pair="shop/orders",slot="blue"} 1
                # HELP shadowscale_worker_epoch Newest pair epoch seen.
                # TYPE shadowscale_worker_epoch gauge
                shadowscale_worker_epoch{pair="shop/orders",slot="blue"} 7
                # HELP shadowscale_worker_assigned_partitions Partitions assigned by the slot group.
                # TYPE shadowscale_worker_assigned_partitions gauge
                shadowscale_worker_assigned_partitions{pair="shop/orders",slot="blue"} 2
                # HELP shadowscale_worker_active_partitions Partitions being processed.
                # TYPE shadowscale_worker_active_partitions gauge
                shadowscale_worker_active_partitions{pair="shop/orders",slot="blue"} 2
                # HELP shadowscale_worker_fences_total Fences carried out.
                # TYPE shadowscale_worker_fences_total counter
                shadowscale_worker_fences_total{pair="shop/orders",slot="blue"} 1
                # HELP shadowscale_worker_handoffs_total Barriers that started partitions.
                # TYPE shadowscale_worker_handoffs_total counter
                shadowscale_worker_handoffs_total{pair="shop/orders",slot="blue"} 2
                # HELP shadowscale_worker_last_fence_seconds Fence command to stop offsets committed, last fence.
                # TYPE shadowscale_worker_last_fence_seconds gauge
                shadowscale_worker_last_fence_seconds{pair="shop/orders",slot="blue"} 0.012000
                # HELP shadowscale_worker_last_handoff_seconds Barrier command to partitions started, last barrier.
                # TYPE shadowscale_worker_last_handoff_seconds gauge
                shadowscale_worker_last_handoff_seconds{pair="shop/orders",slot="blue"} 0.003000
                # HELP shadowscale_worker_fenced_partitions Partitions lost to a newer owner's transactional fence.
                # TYPE shadowscale_worker_fenced_partitions gauge
                shadowscale_worker_fenced_partitions{pair="shop/orders",slot="blue"} 0
                # HELP shadowscale_worker_records_failed_total Processing attempts that threw (each retry counts).
                # TYPE shadowscale_worker_records_failed_total counter
                shadowscale_worker_records_failed_total{pair="shop/orders",slot="blue"} 9
                # HELP shadowscale_worker_records_retried_total Attempts repeated after a failure, each after a backoff.
                # TYPE shadowscale_worker_records_retried_total counter
                shadowscale_worker_records_retried_total{pair="shop/orders",slot="blue"} 6
                # HELP shadowscale_worker_records_dead_lettered_total Records written to the dead-letter topic instead of being processed.
                # TYPE shadowscale_worker_records_dead_lettered_total counter
                shadowscale_worker_records_dead_lettered_total{pair="shop/orders",slot="blue"} 2
                # HELP shadowscale_worker_partition_position Next offset to process (ACTIVE), to fetch (SHADOW) or stop offset (DRAINING).
                # TYPE shadowscale_worker_partition_position gauge
                shadowscale_worker_partition_position{pair="shop/orders",slot="blue",topic="orders",partition="0"} 10
                shadowscale_worker_partition_position{pair="shop/orders",slot="blue",topic="orders",partition="1"} 20
                """);
    }
}
