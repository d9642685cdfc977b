package io.shadowscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.sequence.SequenceAudit;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pair controller with real workers: a producer at 50,000 msg/s into 12 partitions, the
 * controller in process, and a fleet of in-process workers following the controller's slot
 * targets as KEDA would. The test asks for every resize; every sequence number must be
 * processed exactly once, in order per partition. Prints per walk the warm-up, the cutover, the
 * whole walk (request to old slot drained) and the longest per-partition processing gap across
 * the barrier. {@code -Dwalk.rate} and {@code -Dwalk.sizes=2,3,4} change the load and the walk.
 */
class ResizeWalkIT {
    private static final int PARTITIONS = 12;
    private static final int RECORD_SIZE = 64;
    private static final long RATE = Long.getLong("walk.rate", 50_000);
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(240);
    private static final List<Integer> SIZES =
            parse(System.getProperty("walk.sizes", "2,3,4,6,3,2,4,6,4,2,3,6,2,4,3,6,4,2,6,3,2"));

    /**
     * Consumer-group heartbeats of 500 ms ({@code -Dwalk.heartbeatMs}; the broker default is 5 s):
     * a new group settles in about two, which is most of a walk's warm-up.
     */
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(LocalKafka.builder()
            .brokerProperty("group.consumer.heartbeat.interval.ms", System.getProperty("walk.heartbeatMs", "500"))
            .brokerProperty("group.consumer.min.heartbeat.interval.ms", System.getProperty("walk.heartbeatMs", "500")));

    @Test
    void twentyWalksUnderLoadProcessEveryRecordOnceInOrder() throws Exception {
        PairKey pair = new PairKey("shop", "walk");
        try (PairRig rig = new PairRig(KAFKA.kafka(), pair, "walk.in", PARTITIONS, SIZES.get(0));
                PacedProducer load = rig.load(RATE, LOAD_LIMIT, RECORD_SIZE)) {
            rig.startUnder(load, SIZES.get(0));

            List<PairRig.Walk> walks = rig.walkThrough(SIZES.subList(1, SIZES.size()), "WALK");
            assertThat(load.running()).as("the producer ran through every walk").isTrue();

            long total = rig.finish(load);
            SequenceAudit audit = SequenceAudit.of(rig.log.snapshot(), total);
            int expectedWalks = SIZES.size() - 1;
            WalkFigures.print("walk", walks, audit.handoffGaps(), total, RATE);

            assertThat(audit).isEqualTo(new SequenceAudit(total, total, 0, 0, 0, 0, audit.handoffGaps()));
            assertThat(WalkFigures.slotChanges(rig.log.snapshot())).isEqualTo(everyPartition(expectedWalks));
            assertNoMoveAfterAHandoff(rig);
            assertThat(audit.handoffGaps()).hasSize(expectedWalks);
        }
    }

    @Test
    void newControllerFinishesAWalkItsPredecessorLeftInCuttingOver() throws Exception {
        PairKey pair = new PairKey("shop", "restart");
        try (PairRig rig = new PairRig(KAFKA.kafka(), pair, "restart.in", PARTITIONS, 2);
                PacedProducer load = rig.load(RATE, Duration.ofSeconds(120), RECORD_SIZE)) {
            rig.startUnder(load, 2);

            Instant requested = rig.requestResize(4);
            await().atMost(PairRig.WALK_LIMIT)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> rig.state().map(PairState::phase).orElseThrow() == PairPhase.CUTTING_OVER);
            rig.stopController();
            PairState left = rig.state().orElseThrow();
            assertThat(left.phase()).as("phase the first controller left").isEqualTo(PairPhase.CUTTING_OVER);
            String where = left.barrier().isEmpty() ? "fencing" : "barrier published";

            long restartAt = System.nanoTime();
            rig.startController();
            long startedMs = (System.nanoTime() - restartAt) / 1_000_000;
            rig.awaitSteady(SlotName.GREEN, 4);
            long finishedMs = (System.nanoTime() - restartAt) / 1_000_000;
            PairRig.Walk resumed = rig.walkSince(2, 4, SlotName.BLUE, requested);
            assertThat(rig.state().orElseThrow().history())
                    .extracting(t -> t.reason())
                    .contains("resumed by a new controller in CUTTING_OVER");
            PairRig.Walk back = rig.walk(2);
            assertThat(load.running()).as("the producer ran through both walks").isTrue();

            long total = rig.finish(load);
            SequenceAudit audit = SequenceAudit.of(rig.log.snapshot(), total);
            System.out.printf(
                    "RESTART first controller closed in CUTTING_OVER (%s); the second started in %d ms and "
                            + "finished the walk %d ms after it was created%n",
                    where, startedMs, finishedMs);
            WalkFigures.print("restart", List.of(resumed, back), audit.handoffGaps(), total, RATE);

            assertThat(audit).isEqualTo(new SequenceAudit(total, total, 0, 0, 0, 0, audit.handoffGaps()));
            assertThat(WalkFigures.slotChanges(rig.log.snapshot())).isEqualTo(everyPartition(2));
            assertNoMoveAfterAHandoff(rig);
        }
    }

    /**
     * A slot that took over at a barrier had a stable group: no partition moves between its
     * workers afterwards. The first start is exempt (STARTING activates blue while its group
     * forms, so partitions may move there once); its moves are printed.
     */
    private static void assertNoMoveAfterAHandoff(PairRig rig) {
        Map<Integer, Long> moves = WalkFigures.movesWithinSlot(rig.log.snapshot());
        System.out.printf("MOVES inside a slot per activation (0 = first start): %s%n", moves);
        assertThat(moves.keySet())
                .as("activations with partitions moving inside the slot")
                .allMatch(k -> k == 0);
    }

    private static Map<Integer, Integer> everyPartition(int changes) {
        return IntStream.range(0, PARTITIONS).boxed().collect(Collectors.toMap(p -> p, p -> changes));
    }

    private static List<Integer> parse(String sizes) {
        return Arrays.stream(sizes.split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList();
    }
}
