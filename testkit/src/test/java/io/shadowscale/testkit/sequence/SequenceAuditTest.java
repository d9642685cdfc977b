package io.shadowscale.testkit.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.control.SlotName;
import io.shadowscale.worker.example.SequencedPayload;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceAuditTest {
    private static Observation seen(int partition, long offset, long seq, SlotName slot, long nanos) {
        return new Observation(partition, offset, seq, slot, slot.label() + "-1", nanos, 0);
    }

    @Test
    void cleanRunWithOneHandoffPerPartitionReportsTheLongestGap() {
        List<Observation> run = List.of(
                seen(0, 0, 0, SlotName.BLUE, 1_000),
                seen(1, 0, 1, SlotName.BLUE, 2_000),
                seen(0, 1, 2, SlotName.GREEN, 5_000_000),
                seen(1, 1, 3, SlotName.GREEN, 9_002_000));
        assertThat(SequenceAudit.of(run, 4))
                .isEqualTo(new SequenceAudit(4, 4, 0, 0, 0, 0, List.of(Duration.ofNanos(9_000_000))));
        assertThat(SequenceAudit.of(run, 4).exactlyOnceInOrder()).isTrue();
    }

    @Test
    void countsDuplicatesMissingOutOfRangeAndReordering() {
        List<Observation> run = List.of(
                seen(0, 0, 0, SlotName.BLUE, 1),
                seen(0, 1, 2, SlotName.BLUE, 2),
                seen(0, 1, 2, SlotName.GREEN, 3),
                seen(1, 5, 9, SlotName.BLUE, 4));
        SequenceAudit audit = SequenceAudit.of(run, 4);
        assertThat(audit).isEqualTo(new SequenceAudit(4, 4, 1, 2, 1, 1, List.of(Duration.ofNanos(1))));
        assertThat(audit.exactlyOnceInOrder()).isFalse();
    }

    @Test
    void payloadRoundTripsAndPads() {
        byte[] bytes = new SequencedPayload(42, 1_700_000_000_000_000L).encode(64);
        assertThat(bytes).hasSize(64);
        assertThat(SequencedPayload.decode(bytes)).contains(new SequencedPayload(42, 1_700_000_000_000_000L));
        assertThat(SequencedPayload.decode(new byte[15])).isEmpty();
    }

    @Test
    void observationRoundTrips() {
        Observation o = new Observation(11, 123_456, 99, SlotName.GREEN, "green-2", 77, 88);
        assertThat(Observation.decode(o.encode())).isEqualTo(o);
    }
}
