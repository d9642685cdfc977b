package io.shadowscale.testkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotFleetTest {
    private static final PairKey PAIR = new PairKey("shop", "orders");
    private static final Map<String, String> TEMPLATE = WorkerTemplate.of(
            "127.0.0.1:9092", List.of("orders"), "shadowscale.control", "x.Processor", Duration.ofMillis(500));

    private final FakeLauncher launcher = new FakeLauncher();
    private final SlotFleet fleet = new SlotFleet(PAIR, SlotName.GREEN, TEMPLATE, launcher);

    @Test
    void scaleUpStartsNumberedWorkers() {
        assertThat(fleet.scaleTo(3)).isEqualTo(3);

        assertThat(launcher.launched).containsExactly("orders-green-1", "orders-green-2", "orders-green-3");
        assertThat(fleet.workers())
                .extracting(FleetWorker::workerId)
                .containsExactly("orders-green-1", "orders-green-2", "orders-green-3");
        assertThat(launcher.closed).isEmpty();
    }

    @Test
    void scaleDownStopsTheHighestNumberedAndNeverReusesIds() {
        fleet.scaleTo(4);

        assertThat(fleet.scaleTo(2)).isEqualTo(2);
        assertThat(launcher.closed).containsExactlyInAnyOrder("orders-green-3", "orders-green-4");
        assertThat(fleet.workers())
                .extracting(FleetWorker::workerId)
                .containsExactly("orders-green-1", "orders-green-2");

        fleet.scaleTo(3);
        assertThat(fleet.workers())
                .extracting(FleetWorker::workerId)
                .containsExactly("orders-green-1", "orders-green-2", "orders-green-5");
    }

    @Test
    void scaleToTheSameSizeDoesNothing() {
        fleet.scaleTo(2);
        fleet.scaleTo(2);

        assertThat(launcher.launched).hasSize(2);
        assertThat(launcher.closed).isEmpty();
    }

    @Test
    void eachWorkerGetsTheTemplatePlusPairSlotAndId() {
        fleet.scaleTo(1);

        Map<String, String> env = launcher.envs.get(0);
        assertThat(env)
                .containsAllEntriesOf(TEMPLATE)
                .containsEntry("SHADOWSCALE_PAIR_NAMESPACE", "shop")
                .containsEntry("SHADOWSCALE_PAIR_NAME", "orders")
                .containsEntry("SHADOWSCALE_SLOT", "green")
                .containsEntry("SHADOWSCALE_WORKER_ID", "orders-green-1")
                .hasSize(TEMPLATE.size() + 4);
    }

    @Test
    void closeStopsEveryWorkerAndRefusesLaterScaling() {
        fleet.scaleTo(3);

        fleet.close();

        assertThat(launcher.closed).containsExactlyInAnyOrder("orders-green-1", "orders-green-2", "orders-green-3");
        assertThat(fleet.replicas()).isZero();
        assertThatThrownBy(() -> fleet.scaleTo(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("fleet shop/orders/green is closed");
    }

    @Test
    void rejectsNegativeReplicas() {
        assertThatThrownBy(() -> fleet.scaleTo(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("replicas must be >= 0, was -1");
    }
}
