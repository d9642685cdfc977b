package io.shadowscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.controller.ControllerSettings;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.Transition;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.sequence.SequenceAudit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator's rollback after the old slot was fenced, with real workers: the controller sends
 * Activate to the fenced old slot, whose workers start again at the stop offsets they committed,
 * and the walk ends STEADY on the old slot with nothing lost and nothing twice. The rollback must
 * reach the controller between the fence and the barrier (one tick): the test tries walk after
 * walk until one lands there (a walk that finished first is an ordinary walk).
 */
class FenceRollbackIT {
    private static final int PARTITIONS = 6;
    private static final long RATE = 5_000;
    private static final int ATTEMPTS = 6;

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(LocalKafka.builder()
            .brokerProperty("group.consumer.heartbeat.interval.ms", "500")
            .brokerProperty("group.consumer.min.heartbeat.interval.ms", "500"));

    @Test
    void aRollbackAfterTheFenceReactivatesTheOldSlotAtItsStopOffsets() throws Exception {
        PairKey pair = new PairKey("shop", "fence-rollback");
        try (PairRig rig = new PairRig(KAFKA.kafka(), pair, "fence.rollback.in", PARTITIONS, 2);
                PacedProducer load = rig.load(RATE, Duration.ofSeconds(150), 64)) {
            rig.handoff(ControllerSettings.Handoff.FENCE);
            rig.startUnder(load, 2);

            String rolledBack = null;
            for (int attempt = 1; attempt <= ATTEMPTS && rolledBack == null; attempt++) {
                rolledBack = walkAndRollBack(rig, pair);
            }
            assertThat(rolledBack)
                    .as("a rollback that reached the controller between fence and barrier")
                    .isNotNull();

            long total = rig.finish(load);
            SequenceAudit audit = SequenceAudit.of(rig.log.snapshot(), total);
            System.out.printf("FENCE-ROLLBACK %s; %d records%n", rolledBack, total);
            assertThat(audit).isEqualTo(new SequenceAudit(total, total, 0, 0, 0, 0, audit.handoffGaps()));
        }
    }

    /** One walk with a rollback asked at its cutover: the rollback's last history line, or null if it finished. */
    private static String walkAndRollBack(PairRig rig, PairKey pair) {
        PairState before = rig.state().orElseThrow();
        SlotName from = before.active();
        int size = before.activeReplicas();
        Instant requested = rig.requestResize(size == 2 ? 3 : 2);
        await().atMost(PairRig.WALK_LIMIT)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> rig.state().map(PairState::phase).orElseThrow() == PairPhase.CUTTING_OVER);
        rig.controller().requestRollback(pair);
        await().atMost(PairRig.WALK_LIMIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> rig.state().map(PairState::phase).orElseThrow() == PairPhase.STEADY);
        List<String> reasons = rig.state().orElseThrow().history().stream()
                .filter(t -> !t.at().isBefore(requested))
                .map(Transition::reason)
                .toList();
        if (!reasons.contains("operator rolled back before the barrier")) {
            rig.awaitSteady(from.other(), size == 2 ? 3 : 2);
            return null;
        }
        rig.awaitSteady(from, size);
        String last = reasons.get(reasons.size() - 1);
        assertThat(last).isEqualTo("rolled back; " + from.label() + " stays active with " + size);
        return last;
    }
}
