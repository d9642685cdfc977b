package io.shadowscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.control.PairKey;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.controller.ControllerSettings;
import io.shadowscale.scaler.model.Transition;
import io.shadowscale.testkit.broker.TestBrokers;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.sequence.SequenceAudit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rolling upgrade of the control protocol, under load: walks between a slot of version-1 workers
 * and a slot of version-2 workers, then a version-1 controller (one that only fences) walking
 * version-2 workers. Every walk must fall back to the fence/barrier walk, and every sequence number
 * is processed exactly once, in order per partition. The last walks, all version 2, take the planned
 * handoff again.
 *
 * <p>A version-1 worker is a worker run with {@code SHADOWSCALE_PROTOCOL_VERSION=1}: it reports no
 * version, takes no Handoff and no Release, and warms with the read-ahead, as the workers of
 * version 1 did; the fence/barrier path it runs is the same code as version 1's.
 */
class MixedVersionWalkIT {
    private static final int PARTITIONS = 12;
    private static final long RATE = Long.getLong("walk.rate", 10_000);
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(240);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(TestBrokers.fastGroups());

    @Test
    void walksDuringARollingUpgradeFenceAndLoseOrRepeatNothing() throws Exception {
        PairKey pair = new PairKey("shop", "upgrade");
        try (PairRig rig = PairRig.builder(KAFKA.kafka(), pair, "upgrade.in", PARTITIONS, 2)
                        .slotEnv(Map.of("SHADOWSCALE_PROTOCOL_VERSION", "1"), Map.of())
                        .build();
                PacedProducer load = rig.load(RATE, LOAD_LIMIT, 64)) {
            rig.startUnder(load, 2);

            List<PairRig.Walk> walks = new ArrayList<>();
            walks.add(rig.walk(4)); // blue (version 1) -> green (version 2): the Warm is not planned
            walks.add(rig.walk(3)); // green (2) -> blue (1): planned Warm, but blue speaks 1: fence
            assertThat(cutovers(rig)).containsExactly("fence", "fence");

            rig.stopController();
            rig.handoff(ControllerSettings.Handoff.FENCE); // a version-1 controller
            rig.startController();
            walks.add(rig.walk(4)); // blue (1) -> green (2)
            assertThat(cutovers(rig)).containsExactly("fence", "fence", "fence");

            long total = rig.finish(load);
            SequenceAudit audit = SequenceAudit.of(rig.log.snapshot(), total);
            WalkFigures.print("upgrade", walks, audit.handoffGaps(), total, RATE);
            assertThat(audit).isEqualTo(new SequenceAudit(total, total, 0, 0, 0, 0, audit.handoffGaps()));
        }
    }

    @Test
    void versionTwoWorkersOnBothSlotsTakeThePlannedHandoffBothWays() throws Exception {
        PairKey pair = new PairKey("shop", "planned");
        try (PairRig rig = new PairRig(KAFKA.kafka(), pair, "planned.in", PARTITIONS, 2);
                PacedProducer load = rig.load(RATE, LOAD_LIMIT, 64)) {
            rig.startUnder(load, 2);

            List<PairRig.Walk> walks = List.of(rig.walk(4), rig.walk(2));
            assertThat(cutovers(rig)).containsExactly("planned", "planned");

            long total = rig.finish(load);
            SequenceAudit audit = SequenceAudit.of(rig.log.snapshot(), total);
            WalkFigures.print("planned", walks, audit.handoffGaps(), total, RATE);
            assertThat(audit).isEqualTo(new SequenceAudit(total, total, 0, 0, 0, 0, audit.handoffGaps()));
        }
    }

    /** How each walk in the pair's history cut over: "planned" (handoff planned) or "fence". */
    private static List<String> cutovers(PairRig rig) {
        List<String> how = new ArrayList<>();
        for (Transition t : rig.state().orElseThrow().history()) {
            if (t.to().name().equals("CUTTING_OVER") && !t.from().name().equals("CUTTING_OVER")) {
                how.add(t.reason().contains("handoff planned") ? "planned" : "fence");
            }
        }
        return how;
    }
}
