package io.shadowscale.testkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.SlotTargets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TargetFollowerTest {
    private static final PairKey PAIR = new PairKey("shop", "orders");

    /** Targets in a map; pushes to watchers only when told to. */
    private static final class MapTargets implements SlotTargets {
        final Map<SlotName, SlotTarget> targets = new ConcurrentHashMap<>();
        final List<Consumer<SlotTarget>> watchers = new CopyOnWriteArrayList<>();

        @Override
        public void register(PairSpec spec) {}

        @Override
        public Optional<SlotTarget> target(PairKey pair, SlotName slot) {
            return pair.equals(PAIR) ? Optional.ofNullable(targets.get(slot)) : Optional.empty();
        }

        @Override
        public AutoCloseable watch(PairKey pair, SlotName slot, Consumer<SlotTarget> listener) {
            watchers.add(listener);
            return () -> watchers.remove(listener);
        }

        void set(SlotName slot, int replicas, boolean push) {
            SlotTarget target = SlotTarget.run(replicas, "test");
            targets.put(slot, target);
            if (push) {
                watchers.forEach(w -> w.accept(target));
            }
        }
    }

    private final MapTargets targets = new MapTargets();
    private final FakeLauncher launcher = new FakeLauncher();
    private final PairFleet fleet = new PairFleet(PAIR, Map.of(), launcher);
    private final List<TargetFollower.ScaleEvent> events = new CopyOnWriteArrayList<>();
    private TargetFollower follower;

    @AfterEach
    void stop() {
        if (follower != null) {
            follower.close();
        }
        fleet.close();
    }

    @Test
    void unknownPairRunsNothing() {
        follower = new TargetFollower(targets, fleet, Duration.ofMillis(20), events::add).start();

        assertThat(follower.wanted(SlotName.BLUE)).isZero();
        assertThat(follower.wanted(SlotName.GREEN)).isZero();
    }

    @Test
    void pushedTargetIsFollowedWithoutWaitingForThePoll() {
        follower = new TargetFollower(targets, fleet, Duration.ofHours(1), events::add).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> targets.watchers.size() == 2);

        targets.set(SlotName.GREEN, 3, true);

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(fleet.replicas()).isEqualTo(Map.of(SlotName.BLUE, 0, SlotName.GREEN, 3)));
        assertThat(events)
                .extracting(e -> e.slot() + ":" + e.from() + "->" + e.to())
                .containsExactly("GREEN:0->3");
    }

    @Test
    void polledTargetIsFollowedWithoutAPush() {
        follower = new TargetFollower(targets, fleet, Duration.ofMillis(20), events::add).start();

        targets.set(SlotName.BLUE, 2, false);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> fleet.slot(SlotName.BLUE).replicas() == 2);
        targets.set(SlotName.BLUE, 0, false);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> fleet.slot(SlotName.BLUE).replicas() == 0);

        assertThat(launcher.closed).containsExactlyInAnyOrder("orders-blue-1", "orders-blue-2");
        assertThat(events)
                .extracting(e -> e.slot() + ":" + e.from() + "->" + e.to())
                .containsExactly("BLUE:0->2", "BLUE:2->0");
    }

    @Test
    void closeStopsWatching() {
        follower = new TargetFollower(targets, fleet, Duration.ofMillis(20), events::add).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> targets.watchers.size() == 2);

        follower.close();

        assertThat(targets.watchers).isEmpty();
    }
}
