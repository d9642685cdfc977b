package io.shadowscale.scaler.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowscale.common.Partition;
import io.shadowscale.control.ControlTopics;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.kafka.StateStore;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.Transition;
import io.shadowscale.scaler.model.Walks;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The controller over the real control and state topics of a local broker, against scripted fake
 * workers (FakeFleet) that also play KEDA by following the controller's slot targets.
 */
class PairControllerIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ScriptedPolicy policy = new ScriptedPolicy();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void growWalkMovesThePairFromTwoToFourWorkersAtTheStopOffsets() {
        Rig rig = rig("grow", settings(2, Duration.ofSeconds(30), Duration.ofSeconds(10)));
        awaitSteady(rig, SlotName.BLUE, 2);
        long requested = System.nanoTime();
        policy.want = 4;
        PairState done = awaitSteady(rig, SlotName.GREEN, 4);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - requested);
        System.out.printf(
                "grow walk 2 -> 4: policy decision wanted to old slot drained in %d ms (%s)%n", tookMs, done.reason());

        assertThat(policy.calls.get()).isPositive();
        assertThat(policy.lastObservation.partitions()).isEqualTo(4);
        assertThat(done.history()).extracting(Transition::to).containsSubsequence(Walks.FIRST_WALK_PHASES);
        assertThat(done.history())
                .extracting(Transition::reason)
                .contains(
                        "resize 2 -> 4: scripted: want 4 (fence/barrier walk: a worker of blue speaks protocol version "
                                + "1)",
                        "barrier published: 4 stop offset(s) from the fence"); // the fake workers speak version 1
        assertThat(committed(rig.pair.groupId(SlotName.GREEN))).isEqualTo(expectedOffsets("grow"));
        Command warm = lastCommand(rig, Command.KindCase.WARM);
        assertThat(warm.getSlot()).isEqualTo(SlotName.GREEN.toProto());
        assertThat(warm.getWarm().getExpectedWorkers()).isEqualTo(4);
        assertThat(warm.getWarm().getActiveGroup()).isEqualTo("shadowscale.shop.grow.blue");
        assertThat(lastCommand(rig, Command.KindCase.FENCE).getSlot()).isEqualTo(SlotName.BLUE.toProto());
        assertThat(lastCommand(rig, Command.KindCase.BARRIER).getBarrier().getOffsetsList())
                .extracting(o -> o.getPartition() + "@" + o.getOffset())
                .containsExactly("0@100", "1@101", "2@102", "3@103");
        assertThat(lastCommand(rig, Command.KindCase.DRAIN).getSlot()).isEqualTo(SlotName.BLUE.toProto());
        assertThat(rig.controller.target(rig.pair, SlotName.BLUE)).contains(new SlotTarget(0, false, "steady: idle"));
        await().atMost(WAIT)
                .ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .untilAsserted(() -> assertThat(rig.fleet.modes().keySet())
                        .containsExactly("green-1", "green-2", "green-3", "green-4"));
        try (StateStore store = new StateStore(KAFKA.kafka().clientProperties(), rig.topics.state())) {
            assertThat(store.readAll().get(rig.pair))
                    .isEqualTo(rig.controller.state(rig.pair).orElseThrow());
        }
    }

    @Test
    void shrinkWalkOnAnOperatorResizeGoesFromThreeWorkersToOne() {
        Rig rig = rig("shrink", settings(3, Duration.ofSeconds(30), Duration.ofSeconds(10)));
        awaitSteady(rig, SlotName.BLUE, 3);
        long requested = System.nanoTime();
        OperatorResult result = rig.controller.requestResize(rig.pair, 1);
        assertThat(result).isEqualTo(OperatorResult.accepted("resize to 1 requested for shop/shrink"));
        PairState done = awaitSteady(rig, SlotName.GREEN, 1);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - requested);
        System.out.printf(
                "shrink walk 3 -> 1: resize request to old slot drained in %d ms (%s)%n", tookMs, done.reason());
        assertThat(done.history())
                .extracting(Transition::reason)
                .contains("resize 3 -> 1: operator asked for 1 (fence/barrier walk: a worker of blue speaks protocol "
                        + "version 1)");
        assertThat(committed(rig.pair.groupId(SlotName.GREEN))).isEqualTo(expectedOffsets("shrink"));
        assertThat(rig.controller.requestRollback(rig.pair))
                .isEqualTo(OperatorResult.refused("pair shop/shrink is STEADY; there is no walk to roll back"));
    }

    @Test
    void theCutoverWaitsUntilKubernetesReportsTheWakingPodsReady() {
        AtomicInteger greenPods = new AtomicInteger();
        SlotReadiness readiness =
                (spec, slot) -> slot == SlotName.GREEN ? OptionalInt.of(greenPods.get()) : OptionalInt.empty();
        Rig rig = rig("pods", settings(2, Duration.ofSeconds(60), Duration.ofSeconds(10)), readiness);
        awaitSteady(rig, SlotName.BLUE, 2);
        rig.controller.requestResize(rig.pair, 3);
        // the fake green workers report ready within a tick or two; the Deployment says 2 of 3 pods
        greenPods.set(2);
        await().atMost(WAIT)
                .until(() -> rig.fleet.modes().keySet().containsAll(List.of("green-1", "green-2", "green-3")));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> rig.controller.state(rig.pair).orElseThrow().phase() == PairPhase.WARMING);
        assertThat(rig.fleet.commands())
                .extracting(e -> e.getCommand().getKindCase())
                .doesNotContain(Command.KindCase.FENCE);

        greenPods.set(3);
        PairState done = awaitSteady(rig, SlotName.GREEN, 3);
        assertThat(done.history())
                .extracting(Transition::reason)
                .contains("3 worker(s) of green ready, assignment covers 4 partition(s), Deployment reports 3 pod(s) "
                        + "ready");
        assertThat(committed(rig.pair.groupId(SlotName.GREEN))).isEqualTo(expectedOffsets("pods"));
    }

    @Test
    void warmupTimeoutRollsBackAndLeavesTheActiveSlotUntouched() {
        Rig rig = rig("warmup", settings(2, Duration.ofSeconds(3), Duration.ofSeconds(10)));
        awaitSteady(rig, SlotName.BLUE, 2);
        rig.fleet.neverReady(SlotName.GREEN);
        rig.controller.requestResize(rig.pair, 3);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                rig.controller.state(rig.pair).orElseThrow().history())
                        .extracting(Transition::to)
                        .endsWith(PairPhase.ROLLING_BACK, PairPhase.STEADY));
        PairState done = awaitSteady(rig, SlotName.BLUE, 2);
        assertThat(done.history())
                .extracting(Transition::reason)
                .anyMatch(r -> r.startsWith("warm-up did not finish within PT3S: 0 of 3 worker(s) ready"));
        assertThat(done.reason()).isEqualTo("rolled back; blue stays active with 2");
        assertThat(rig.fleet.commands())
                .extracting(e -> e.getCommand().getKindCase())
                .contains(Command.KindCase.ABORT)
                .doesNotContain(Command.KindCase.FENCE, Command.KindCase.BARRIER);
        assertThat(rig.controller.target(rig.pair, SlotName.GREEN)).contains(new SlotTarget(0, false, "steady: idle"));
        assertThat(committed(rig.pair.groupId(SlotName.GREEN))).isEmpty();
    }

    @Test
    void aCrashedFenceOwnerFallsBackToCommittedOffsetsOnceItLeftTheGroup() {
        Rig rig = rig("crash", settings(2, Duration.ofSeconds(30), Duration.ofSeconds(2)));
        awaitSteady(rig, SlotName.BLUE, 2);
        rig.fleet.positionLead(7);
        rig.fleet.crashOnFence("blue-2");
        rig.controller.requestResize(rig.pair, 4);
        PairState done = awaitSteady(rig, SlotName.GREEN, 4);
        Partition p1 = new Partition("crash-orders", 1);
        Partition p3 = new Partition("crash-orders", 3);
        assertThat(done.fallbackPartitions()).containsExactlyInAnyOrder(p1, p3);
        assertThat(done.fallbackRecords()).isEqualTo(14);
        assertThat(done.history())
                .extracting(Transition::reason)
                .contains("barrier published: 2 stop offset(s) from "
                        + "the fence, 2 from committed offsets after the owner left (at-least-once: 14 record(s) known "
                        + "to be "
                        + "re-processed) [crash-orders-1, crash-orders-3]");
        assertThat(committed(rig.pair.groupId(SlotName.GREEN))).isEqualTo(expectedOffsets("crash"));
    }

    @Test
    void aControllerStoppedMidCutoverIsReplacedAndTheNewOneFinishesTheWalk() {
        PolicySettings ps = settings(2, Duration.ofSeconds(30), Duration.ofSeconds(10));
        Rig rig = rig("restart", ps);
        awaitSteady(rig, SlotName.BLUE, 2);
        rig.fleet.holdBarrier(SlotName.GREEN, true);
        rig.controller.requestResize(rig.pair, 3);
        await().atMost(WAIT)
                .ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .until(() ->
                        !rig.controller.state(rig.pair).orElseThrow().barrier().isEmpty());
        PairState atStop = rig.controller.state(rig.pair).orElseThrow();
        rig.controller.close();
        long stopped = System.nanoTime();

        rig.fleet.holdBarrier(SlotName.GREEN, false);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        open.add(executor::shutdownNow);
        PairController second = PairController.builder()
                .clientProperties(KAFKA.kafka().clientProperties())
                .topics(rig.topics)
                .policy(policy)
                .clock(Clock.systemUTC())
                .executor(executor)
                .leadership(Leadership.always())
                .settings(controllerSettings("restart-2"))
                .build();
        open.add(second);
        second.register(new PairSpec(rig.pair, List.of("restart-orders"), ps));
        second.start();
        rig.current.set(second);
        assertThat(second.state(rig.pair).orElseThrow().epoch()).isEqualTo(atStop.epoch() + 1);

        await().atMost(WAIT)
                .ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .untilAsserted(() -> {
                    PairState s = second.state(rig.pair).orElseThrow();
                    assertThat(s.phase()).isEqualTo(PairPhase.STEADY);
                    assertThat(s.active()).isEqualTo(SlotName.GREEN);
                });
        System.out.printf(
                "restart: second controller finished the walk %d ms after the first stopped%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
        PairState done = second.state(rig.pair).orElseThrow();
        assertThat(done.history())
                .extracting(Transition::reason)
                .contains("resumed by a new controller in CUTTING_OVER");
        List<ControlEnvelope> barriers = rig.fleet.commands().stream()
                .filter(e -> e.getCommand().hasBarrier())
                .toList();
        assertThat(barriers).extracting(e -> e.getSender()).contains("restart-1", "restart-2");
        assertThat(barriers)
                .filteredOn(e -> e.getSender().equals("restart-2"))
                .allMatch(e -> e.getEpoch() == atStop.epoch() + 1)
                .allMatch(e -> e.getCommand().getBarrier().getOffsetsCount() == 4);
        assertThat(committed(rig.pair.groupId(SlotName.GREEN))).isEqualTo(expectedOffsets("restart"));
    }

    // ---- rig ----

    private record Rig(
            ControlTopics topics,
            PairKey pair,
            PairController controller,
            FakeFleet fleet,
            AtomicReference<PairController> current) {}

    private Rig rig(String name, PolicySettings ps) {
        return rig(name, ps, SlotReadiness.unknown());
    }

    private Rig rig(String name, PolicySettings ps, SlotReadiness readiness) {
        ControlTopics topics = ControlTopics.forEnvironment(name);
        PairKey pair = new PairKey("shop", name);
        String topic = name + "-orders";
        KAFKA.kafka().createTopic(topic, 4);
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        expectedOffsets(name)
                .forEach((p, o) -> start.put(new TopicPartition(p.topic(), p.partition()), new OffsetAndMetadata(o)));
        try {
            KAFKA.kafka()
                    .admin()
                    .alterConsumerGroupOffsets(pair.groupId(SlotName.BLUE), start)
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        open.add(executor::shutdownNow);
        PairController controller = PairController.builder()
                .clientProperties(KAFKA.kafka().clientProperties())
                .topics(topics)
                .policy(policy)
                .clock(Clock.systemUTC())
                .executor(executor)
                .leadership(Leadership.always())
                .settings(controllerSettings(name + "-1"))
                .slotReadiness(readiness)
                .build();
        open.add(controller);
        controller.start();
        AtomicReference<PairController> current = new AtomicReference<>(controller);
        List<TopicPartition> tps = List.of(
                new TopicPartition(topic, 0),
                new TopicPartition(topic, 1),
                new TopicPartition(topic, 2),
                new TopicPartition(topic, 3));
        FakeFleet fleet = FakeFleet.following(KAFKA.kafka(), topics.control(), pair, tps, current);
        open.add(fleet);
        controller.register(new PairSpec(pair, List.of(topic), ps));
        return new Rig(topics, pair, controller, fleet, current);
    }

    private static ControllerSettings controllerSettings(String id) {
        return ControllerSettings.builder()
                .controllerId(id)
                .tickInterval(Duration.ofMillis(200))
                .staleAfter(Duration.ofSeconds(3))
                .sessionTimeout(Duration.ofSeconds(10))
                .metricsInterval(Duration.ofSeconds(1))
                .build();
    }

    private static PolicySettings settings(int min, Duration warmup, Duration fence) {
        return new PolicySettings(0, min, 0, 0.2, Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO, warmup, fence);
    }

    private static Map<Partition, Long> expectedOffsets(String name) {
        Map<Partition, Long> offsets = new HashMap<>();
        for (int n = 0; n < 4; n++) {
            offsets.put(new Partition(name + "-orders", n), 100L + n);
        }
        return offsets;
    }

    private static PairState awaitSteady(Rig rig, SlotName active, int replicas) {
        await().atMost(WAIT)
                .ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .untilAsserted(() -> {
                    PairState s = rig.current.get().state(rig.pair).orElseThrow();
                    assertThat(s.phase()).isEqualTo(PairPhase.STEADY);
                    assertThat(s.active()).isEqualTo(active);
                    assertThat(s.activeReplicas()).isEqualTo(replicas);
                });
        return rig.current.get().state(rig.pair).orElseThrow();
    }

    private static Command lastCommand(Rig rig, Command.KindCase kind) {
        List<ControlEnvelope> all = rig.fleet.commands().stream()
                .filter(e -> e.getCommand().getKindCase() == kind)
                .toList();
        assertThat(all).as("commands of kind " + kind).isNotEmpty();
        return all.get(all.size() - 1).getCommand();
    }

    private static Map<Partition, Long> committed(String group) throws RuntimeException {
        try {
            Map<Partition, Long> result = new HashMap<>();
            KAFKA.kafka()
                    .admin()
                    .listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((tp, om) -> result.put(new Partition(tp.topic(), tp.partition()), om.offset()));
            return result;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
