package io.shadowscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.testkit.broker.TestBrokers;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.sequence.SequenceAudit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Network cuts in the middle of a planned walk, with the real controller and real workers. The
 * broker's proxied listener ({@code TcpProxy}) sits between the broker and either the old slot's
 * workers or the controller; the link is cut for {@value #CUT_SECONDS} s from the moment the pair
 * enters CUTTING_OVER (the handoff plan is out, no release yet), then restored. Expected: the walk
 * finishes on the new slot, nothing lost, nothing twice, no partition handed over at least once.
 */
class NetworkCutWalkIT {
    private static final int PARTITIONS = 6;
    private static final long RATE = 5_000;
    private static final long CUT_SECONDS = 5;

    @RegisterExtension
    static final LocalKafkaExtension KAFKA =
            new LocalKafkaExtension(TestBrokers.fastGroups().proxiedListener());

    @AfterEach
    void restore() {
        KAFKA.kafka().proxy().restore();
    }

    @Test
    void theOldSlotCutOffBetweenTheHandoffAndItsReleasesFinishesTheWalkExactlyOnce() throws Exception {
        Map<String, String> behindProxy =
                Map.of("SHADOWSCALE_BOOTSTRAP_SERVERS", KAFKA.kafka().proxiedBootstrapServers());
        PairKey pair = new PairKey("shop", "cut-old-slot");
        try (PairRig rig = PairRig.builder(KAFKA.kafka(), pair, "cut.old.in", PARTITIONS, 2)
                        .slotEnv(behindProxy, Map.of())
                        .build();
                PacedProducer load = rig.load(RATE, Duration.ofSeconds(90), 64)) {
            rig.startUnder(load, 2);
            walkWithACut(rig, load, "old slot");
        }
    }

    @Test
    void theControllerCutOffMidWalkFinishesTheWalkExactlyOnce() throws Exception {
        PairKey pair = new PairKey("shop", "cut-controller");
        try (PairRig rig = new PairRig(KAFKA.kafka(), pair, "cut.controller.in", PARTITIONS, 2);
                PacedProducer load = rig.load(RATE, Duration.ofSeconds(90), 64)) {
            rig.controllerBootstrap(KAFKA.kafka().proxiedBootstrapServers());
            rig.startUnder(load, 2);
            walkWithACut(rig, load, "controller");
        }
    }

    /** Walks blue 2 -> green 3 with the proxied link cut at the cutover; checks the walk and the records. */
    private static void walkWithACut(PairRig rig, PacedProducer load, String who) throws Exception {
        rig.requestResize(3);
        await().atMost(PairRig.WALK_LIMIT)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> rig.state().map(PairState::phase).orElseThrow() == PairPhase.CUTTING_OVER);
        KAFKA.kafka().proxy().cut();
        long cutAt = System.nanoTime();
        await().pollDelay(Duration.ofSeconds(CUT_SECONDS))
                .atMost(Duration.ofSeconds(CUT_SECONDS + 1))
                .until(() -> true);
        KAFKA.kafka().proxy().restore();
        long restoredAt = System.nanoTime();
        rig.awaitSteady(SlotName.GREEN, 3);
        long finishedMs = (System.nanoTime() - restoredAt) / 1_000_000;
        long cutMs = (restoredAt - cutAt) / 1_000_000;

        long total = rig.finish(load);
        SequenceAudit audit = SequenceAudit.of(rig.log.snapshot(), total);
        PairState end = rig.state().orElseThrow();
        System.out.printf(
                "NETWORK CUT %s cut %d ms at the cutover: walk finished %d ms after the link came back; "
                        + "%d records, lost %d, duplicates %d; history %s%n",
                who,
                cutMs,
                finishedMs,
                total,
                audit.missing(),
                audit.duplicates(),
                end.history().stream().map(t -> t.reason()).toList());
        assertThat(audit).isEqualTo(new SequenceAudit(total, total, 0, 0, 0, 0, audit.handoffGaps()));
        assertThat(end.history().stream().map(t -> t.reason()).toList()).noneMatch(r -> r.contains("at-least-once"));
        assertThat(List.of(end.phase(), end.active())).containsExactly(PairPhase.STEADY, SlotName.GREEN);
    }
}
