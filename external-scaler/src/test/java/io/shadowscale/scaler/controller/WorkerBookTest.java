package io.shadowscale.scaler.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.HandoffGap;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.Slot;
import io.shadowscale.control.proto.TopicPartition;
import io.shadowscale.control.proto.WorkerMode;
import io.shadowscale.control.proto.WorkerStatus;
import io.shadowscale.scaler.model.WorkerReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerBookTest {
    private static final PairKey PAIR = new PairKey("shop", "orders");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration STALE = Duration.ofSeconds(3);

    private final WorkerBook book = new WorkerBook();

    @Test
    void latchesTheHighestAnsweredCommandAcrossHeartbeats() {
        book.accept(status("g1", Slot.GREEN, WorkerMode.SHADOW, 7, 10), T0);
        book.accept(status("g1", Slot.GREEN, WorkerMode.SHADOW, 0, 10), T0.plusMillis(100));
        WorkerReport r = book.live(PAIR, T0.plusMillis(200), STALE).get(0);
        assertThat(r.answered()).isEqualTo(7);
        assertThat(r.slot()).isEqualTo(SlotName.GREEN);
        assertThat(r.mode()).isEqualTo(WorkerReport.Mode.SHADOW);
        assertThat(r.assigned()).containsExactly(new Partition("orders", 0));
    }

    @Test
    void aSilentWorkerStopsCountingButItsLastPositionsAreKept() {
        book.accept(status("b1", Slot.BLUE, WorkerMode.ACTIVE, 0, 42), T0);
        assertThat(book.live(PAIR, T0.plusSeconds(3), STALE)).hasSize(1);
        assertThat(book.live(PAIR, T0.plusSeconds(3).plusMillis(1), STALE)).isEmpty();
        assertThat(book.lastPositions(PAIR, SlotName.BLUE)).isEqualTo(Map.of(new Partition("orders", 0), 42L));
        assertThat(book.ownerOf(PAIR, SlotName.BLUE, new Partition("orders", 0)))
                .map(e -> e.report().workerId())
                .contains("b1");
        assertThat(book.ownerOf(PAIR, SlotName.GREEN, new Partition("orders", 0)))
                .isEmpty();
    }

    @Test
    void ignoresStatusWithoutAKnownSlotAndCommands() {
        book.accept(status("x", Slot.SLOT_UNSPECIFIED, WorkerMode.IDLE, 0, 0), T0);
        ControlEnvelope unknownSlot = status("y", Slot.BLUE, WorkerMode.IDLE, 0, 0);
        book.accept(
                unknownSlot.toBuilder()
                        .setStatus(unknownSlot.getStatus().toBuilder().setSlotValue(7))
                        .build(),
                T0);
        book.accept(
                ControlEnvelope.newBuilder()
                        .setVersion(1)
                        .setPair(PAIR.toProto())
                        .setCommand(Command.newBuilder().setSlot(Slot.BLUE))
                        .build(),
                T0);
        assertThat(book.live(PAIR, T0, STALE)).isEmpty();
    }

    @Test
    void takesEachPartitionsGapOncePerHandoffEpochAndNoneFromAWorkersFirstStatus() {
        Partition p0 = new Partition("orders", 0);
        Partition p1 = new Partition("orders", 1);
        book.accept(withGaps(status("g1", Slot.GREEN, WorkerMode.ACTIVE, 0, 5), gap(0, 4, 90_000)), T0);
        assertThat(book.takeGaps(PAIR)).isEmpty(); // reported before this scaler listened: counted already

        book.accept(withGaps(status("g2", Slot.GREEN, WorkerMode.SHADOW, 0, 0)), T0);
        book.accept(withGaps(status("g2", Slot.GREEN, WorkerMode.ACTIVE, 9, 5), gap(1, 8, 61_500)), T0);
        book.accept(
                withGaps(status("g2", Slot.GREEN, WorkerMode.ACTIVE, 0, 5), gap(1, 8, 61_500), gap(0, 8, 120)),
                T0.plusSeconds(1));
        book.accept(withGaps(status("g1", Slot.GREEN, WorkerMode.ACTIVE, 0, 5), gap(0, 4, 90_000)), T0);

        assertThat(book.takeGaps(PAIR))
                .containsExactly(
                        new WorkerBook.Gap(p1, 8, Duration.ofNanos(61_500_000)),
                        new WorkerBook.Gap(p0, 8, Duration.ofNanos(120_000)));
        assertThat(book.takeGaps(PAIR)).isEmpty();
        assertThat(book.takeGaps(new PairKey("shop", "other"))).isEmpty();
    }

    private static HandoffGap gap(int partition, long epoch, long micros) {
        return HandoffGap.newBuilder()
                .setTopic("orders")
                .setPartition(partition)
                .setEpoch(epoch)
                .setGapMicros(micros)
                .build();
    }

    private static ControlEnvelope withGaps(ControlEnvelope status, HandoffGap... gaps) {
        return status.toBuilder()
                .setStatus(status.getStatus().toBuilder().addAllHandoffGaps(List.of(gaps)))
                .build();
    }

    private static ControlEnvelope status(String id, Slot slot, WorkerMode mode, long answers, long position) {
        TopicPartition tp =
                TopicPartition.newBuilder().setTopic("orders").setPartition(0).build();
        return ControlEnvelope.newBuilder()
                .setVersion(1)
                .setPair(PAIR.toProto())
                .setEpoch(3)
                .setStatus(WorkerStatus.newBuilder()
                        .setWorkerId(id)
                        .setSlot(slot)
                        .setMode(mode)
                        .setReady(true)
                        .setAnswersCommandId(answers)
                        .addAssigned(tp)
                        .addPositions(PartitionOffset.newBuilder()
                                .setTopic("orders")
                                .setPartition(0)
                                .setOffset(position)))
                .build();
    }
}
