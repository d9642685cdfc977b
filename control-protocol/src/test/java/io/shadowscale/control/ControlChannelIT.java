package io.shadowscale.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.WorkerMode;
import io.shadowscale.control.proto.WorkerStatus;
import io.shadowscale.localkafka.LocalKafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ControlChannelIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    @Test
    void deliversEnvelopesOfItsPairAndDropsBadRecords() {
        KAFKA.kafka().createTopic("shadowscale.control", 6);
        PairKey orders = new PairKey("shop", "orders");
        PairKey other = findPairInAnotherPartition(orders, 6);
        List<ControlEnvelope> all = new CopyOnWriteArrayList<>();
        List<ControlEnvelope> onlyOrders = new CopyOnWriteArrayList<>();
        try (ControlChannel controller =
                        new ControlChannel(KAFKA.kafka().clientProperties(), "shadowscale.control", null, all::add);
                ControlChannel worker = new ControlChannel(
                        KAFKA.kafka().clientProperties(), "shadowscale.control", orders, onlyOrders::add)) {
            worker.sendRaw(orders.toString(), new byte[] {1, 2, 3});
            controller.send(status(orders, "w-1")).join();
            controller.send(status(other, "w-2")).join();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(all).extracting(e -> e.getStatus().getWorkerId()).containsExactlyInAnyOrder("w-1", "w-2");
                assertThat(onlyOrders)
                        .extracting(e -> e.getStatus().getWorkerId())
                        .containsExactly("w-1");
                assertThat(worker.rejectedCount()).isEqualTo(1);
            });
        }
    }

    private static PairKey findPairInAnotherPartition(PairKey pair, int partitions) {
        int home = ControlChannel.partitionOf(pair, partitions);
        for (int i = 0; ; i++) {
            PairKey candidate = new PairKey("shop", "other-" + i);
            if (ControlChannel.partitionOf(candidate, partitions) != home) {
                return candidate;
            }
        }
    }

    private static ControlEnvelope status(PairKey pair, String worker) {
        return ControlEnvelope.newBuilder()
                .setPair(pair.toProto())
                .setEpoch(1)
                .setStatus(WorkerStatus.newBuilder().setWorkerId(worker).setMode(WorkerMode.IDLE))
                .build();
    }
}
