package io.shadowscale.testkit.keda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.grpc.ExternalScalerService;
import io.shadowscale.scaler.grpc.PairClaims;
import io.shadowscale.scaler.grpc.RequestLimits;
import io.shadowscale.scaler.grpc.ScalerServer;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.SlotTargets;
import io.shadowscale.scaler.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stand-in against the real gRPC service (in process) over targets the test sets. */
class LocalKedaTest {
    private static final PairKey PAIR = new PairKey("shop", "orders");

    private final Targets targets = new Targets();
    private final MutableClock clock = new MutableClock();
    private final Map<String, Integer> deployments = new ConcurrentHashMap<>();
    private ScalerServer server;
    private ManagedChannel channel;
    private LocalKeda keda;

    private void start(KedaOptions options) throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = new ScalerServer(
                        InProcessServerBuilder.forName(name).directExecutor(),
                        new ExternalScalerService(
                                targets,
                                new PairClaims(targets, clock, PairClaims.DEFAULT_CLAIM_TTL),
                                Set.of(),
                                RequestLimits.DEFAULT),
                        RequestLimits.DEFAULT,
                        Duration.ofSeconds(1))
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        keda = LocalKeda.over(
                channel,
                ScaledObjectSpec.forPair(PAIR, List.of("orders"), Map.of("minReplicas", "1"), "in-process"),
                deployments::put,
                options,
                clock);
    }

    @AfterEach
    void stop() throws Exception {
        if (keda != null) {
            keda.close();
        }
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPushedTrueScalesFromZeroWithoutWaitingForThePollingInterval() throws Exception {
        start(KedaOptions.defaults().withPollingInterval(Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(5)).until(() -> targets.watchers.size() == 2);

        targets.set(SlotName.GREEN, SlotTarget.run(3, "warming"));

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(keda.events())
                        .containsExactly(
                                new ScaleEvent(clock.instant(), "orders-green", SlotName.GREEN, 0, 3, "push")));
        assertThat(deployments).isEqualTo(Map.of("orders-green", 3));
    }

    @Test
    void anInactiveSlotDropsToTheHpaFloorThenToZeroAfterTheCooldown() throws Exception {
        targets.set(SlotName.BLUE, SlotTarget.run(4, "steady"));
        start(KedaOptions.defaults()
                .withPollingInterval(Duration.ofMillis(20))
                .withCooldownPeriod(Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(5)).until(() -> deployments.getOrDefault("orders-blue", 0) == 4);
        Instant active = clock.instant();

        targets.set(SlotName.BLUE, SlotTarget.IDLE);
        await().atMost(Duration.ofSeconds(5)).until(() -> deployments.get("orders-blue") == 1);
        clock.advance(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(5)).until(() -> deployments.get("orders-blue") == 0);

        // the first poll and the push stream's opening value race to wake the slot: either cause is right
        assertThat(keda.events().get(0))
                .isIn(
                        new ScaleEvent(active, "orders-blue", SlotName.BLUE, 0, 4, "poll"),
                        new ScaleEvent(active, "orders-blue", SlotName.BLUE, 0, 4, "push"));
        assertThat(keda.events().subList(1, keda.events().size()))
                .containsExactly(
                        new ScaleEvent(active, "orders-blue", SlotName.BLUE, 4, 1, "hpa-min"),
                        new ScaleEvent(active.plusSeconds(30), "orders-blue", SlotName.BLUE, 1, 0, "cooldown"));
    }

    @Test
    void aScalerErrorKeepsTheReplicaCount() throws Exception {
        targets.set(SlotName.BLUE, SlotTarget.run(2, "steady"));
        start(KedaOptions.defaults().withPollingInterval(Duration.ofMillis(20)));
        await().atMost(Duration.ofSeconds(5)).until(() -> deployments.getOrDefault("orders-blue", 0) == 2);

        targets.failing = true;
        await().atMost(Duration.ofSeconds(5)).until(() -> targets.failedCalls > 5);

        assertThat(keda.replicas("orders-blue")).isEqualTo(2);
        assertThat(keda.events()).hasSize(1);
    }

    /** Slot targets the test sets; watchers are told of each change, as the controller does. */
    private static final class Targets implements SlotTargets {
        private final Map<SlotName, SlotTarget> bySlot = new ConcurrentHashMap<>();
        final List<Consumer<SlotTarget>> watchers = new CopyOnWriteArrayList<>();
        private final Map<Consumer<SlotTarget>, SlotName> watched = new ConcurrentHashMap<>();
        volatile boolean failing;
        volatile int failedCalls;

        @Override
        public void register(PairSpec spec) {}

        @Override
        public Optional<SlotTarget> target(PairKey pair, SlotName slot) {
            if (failing) {
                failedCalls++;
                throw new IllegalStateException("broker unreachable");
            }
            return Optional.of(bySlot.getOrDefault(slot, SlotTarget.IDLE));
        }

        @Override
        public AutoCloseable watch(PairKey pair, SlotName slot, Consumer<SlotTarget> listener) {
            watchers.add(listener);
            watched.put(listener, slot);
            return () -> watchers.remove(listener);
        }

        void set(SlotName slot, SlotTarget target) {
            bySlot.put(slot, target);
            for (Consumer<SlotTarget> w : new ArrayList<>(watchers)) {
                if (watched.get(w) == slot) {
                    w.accept(target);
                }
            }
        }
    }
}
