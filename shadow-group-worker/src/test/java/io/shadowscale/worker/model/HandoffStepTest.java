package io.shadowscale.worker.model;

import static io.shadowscale.worker.model.WorkerMode.ACTIVE;
import static io.shadowscale.worker.model.WorkerMode.DRAINING;
import static io.shadowscale.worker.model.WorkerMode.IDLE;
import static io.shadowscale.worker.model.WorkerMode.SHADOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.common.Partition;
import io.shadowscale.worker.model.HandoffStep.Action;
import io.shadowscale.worker.model.HandoffStep.Event;
import io.shadowscale.worker.model.HandoffStep.Partitions;
import io.shadowscale.worker.model.HandoffStep.Plan;
import io.shadowscale.worker.model.HandoffStep.Result;
import io.shadowscale.worker.model.HandoffStep.Role;
import io.shadowscale.worker.model.HandoffStep.State;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandoffStepTest {
    private static final Partition P0 = new Partition("orders", 0);
    private static final Partition P1 = new Partition("orders", 1);
    private static final Partition P2 = new Partition("orders", 2);
    private static final Map<Partition, Long> PLAN = Map.of(P0, 100L, P1, 200L, P2, 300L);
    private static final Plan FROM = new Plan(7, Role.FROM, PLAN);
    private static final Plan TO = new Plan(7, Role.TO, PLAN);

    private static State planned(Plan plan) {
        return new State(Optional.of(plan), Map.of(), Map.of());
    }

    /** The handing-over side's state: {@code plan}, with {@code released} given to the other slot. */
    private static State released(Plan plan, Map<Partition, Long> released) {
        return new State(Optional.of(plan), Map.of(), released);
    }

    /** The taking-over side's state: {@code plan}, with the {@code known} released offsets not yet started. */
    private static State known(Plan plan, Map<Partition, Long> known) {
        return new State(Optional.of(plan), known, Map.of());
    }

    // ---- the slot handing over ----

    @Test
    void activeToActiveLimitsPartitionsBehindThePlanAndReleasesThoseAtOrPastItAtOnce() {
        Partitions parts = new Partitions(Set.of(P0, P1, P2), Map.of(P0, 90L, P1, 200L, P2, 310L));
        Result r = HandoffStep.step(ACTIVE, parts, State.NONE, new Event.Planned(FROM));
        assertThat(r)
                .isEqualTo(new Result(
                        ACTIVE,
                        released(FROM, Map.of(P1, 200L, P2, 310L)),
                        List.of(new Action.Limit(P0, 100L), new Action.Release(Map.of(P1, 200L, P2, 310L)))));
    }

    @Test
    void activeToDrainingWhenEveryPartitionIsAlreadyAtThePlan() {
        Partitions parts = new Partitions(Set.of(P0, P1), Map.of(P0, 100L, P1, 250L));
        Result r = HandoffStep.step(ACTIVE, parts, State.NONE, new Event.Planned(FROM));
        assertThat(r)
                .isEqualTo(new Result(
                        DRAINING,
                        released(FROM, Map.of(P0, 100L, P1, 250L)),
                        List.of(new Action.Release(Map.of(P0, 100L, P1, 250L)))));
    }

    @Test
    void activeToDrainingAtOnceForAMemberWithoutPartitions() {
        Result r = HandoffStep.step(ACTIVE, new Partitions(Set.of(), Map.of()), State.NONE, new Event.Planned(FROM));
        assertThat(r).isEqualTo(new Result(DRAINING, planned(FROM), List.of()));
    }

    @Test
    void activeStaysActiveWhileAReachedPartitionIsNotTheLastOne() {
        Partitions parts = new Partitions(Set.of(P0, P1), Map.of(P0, 100L, P1, 150L));
        Result r = HandoffStep.step(ACTIVE, parts, planned(FROM), new Event.Reached(Map.of(P0, 100L)));
        assertThat(r)
                .isEqualTo(new Result(
                        ACTIVE, released(FROM, Map.of(P0, 100L)), List.of(new Action.Release(Map.of(P0, 100L)))));
    }

    @Test
    void activeToDrainingWhenTheLastPartitionReachesThePlan() {
        State state = released(FROM, Map.of(P0, 100L));
        Partitions parts = new Partitions(Set.of(P0, P1), Map.of(P1, 200L));
        Result r = HandoffStep.step(ACTIVE, parts, state, new Event.Reached(Map.of(P1, 200L)));
        assertThat(r)
                .isEqualTo(new Result(
                        DRAINING,
                        released(FROM, Map.of(P0, 100L, P1, 200L)),
                        List.of(new Action.Release(Map.of(P1, 200L)))));
    }

    @Test
    void reachedForAPartitionNoLongerStartedReleasesNothing() {
        Partitions parts = new Partitions(Set.of(P1), Map.of(P1, 150L));
        Result r = HandoffStep.step(ACTIVE, parts, planned(FROM), new Event.Reached(Map.of(P0, 100L)));
        assertThat(r).isEqualTo(new Result(ACTIVE, planned(FROM), List.of()));
    }

    @Test
    void aRepeatedPlanChangesNothingEvenWithAHigherEpoch() {
        State state = released(FROM, Map.of(P0, 100L));
        Partitions parts = new Partitions(Set.of(P0, P1), Map.of(P1, 150L));
        Result r = HandoffStep.step(ACTIVE, parts, state, new Event.Planned(new Plan(8, Role.FROM, PLAN)));
        assertThat(r).isEqualTo(new Result(ACTIVE, state, List.of()));
    }

    @Test
    void drainingIgnoresThePlan() {
        Result r =
                HandoffStep.step(DRAINING, new Partitions(Set.of(P0), Map.of()), State.NONE, new Event.Planned(FROM));
        assertThat(r).isEqualTo(new Result(DRAINING, State.NONE, List.of()));
    }

    @Test
    void aPartitionOutsideThePlanKeepsRunningForTheFallback() {
        Plan partial = new Plan(7, Role.FROM, Map.of(P0, 100L));
        Partitions parts = new Partitions(Set.of(P0, P1), Map.of(P0, 100L, P1, 5L));
        Result r = HandoffStep.step(ACTIVE, parts, State.NONE, new Event.Planned(partial));
        assertThat(r)
                .isEqualTo(new Result(
                        ACTIVE, released(partial, Map.of(P0, 100L)), List.of(new Action.Release(Map.of(P0, 100L)))));
    }

    // ---- the slot taking over ----

    @Test
    void shadowToActiveHoldsEveryAssignedPartitionAtItsPlannedOffset() {
        Partitions parts = new Partitions(Set.of(P2, P0), Map.of());
        Result r = HandoffStep.step(SHADOW, parts, State.NONE, new Event.Planned(TO));
        assertThat(r)
                .isEqualTo(
                        new Result(ACTIVE, planned(TO), List.of(new Action.Hold(P0, 100L), new Action.Hold(P2, 300L))));
    }

    @Test
    void activeStartsAnAssignedPartitionAtTheReleasedOffsetAndRemembersTheOthers() {
        Partitions parts = new Partitions(Set.of(P0, P2), Map.of());
        Result r = HandoffStep.step(ACTIVE, parts, planned(TO), new Event.Released(7, Map.of(P0, 104L, P1, 200L)));
        assertThat(r)
                .isEqualTo(
                        new Result(ACTIVE, known(TO, Map.of(P0, 104L, P1, 200L)), List.of(new Action.Start(P0, 104L))));
    }

    @Test
    void aReleaseOfAnEarlierWalkIsIgnored() {
        Partitions parts = new Partitions(Set.of(P0), Map.of());
        Result r = HandoffStep.step(ACTIVE, parts, planned(TO), new Event.Released(6, Map.of(P0, 104L)));
        assertThat(r).isEqualTo(new Result(ACTIVE, planned(TO), List.of()));
    }

    @Test
    void aReleaseOfAStartedPartitionStartsNothingAgain() {
        Partitions parts = new Partitions(Set.of(P0), Map.of(P0, 150L));
        Result r = HandoffStep.step(ACTIVE, parts, planned(TO), new Event.Released(7, Map.of(P0, 104L)));
        assertThat(r).isEqualTo(new Result(ACTIVE, known(TO, Map.of(P0, 104L)), List.of()));
    }

    @Test
    void aReleaseWithoutAPlanIsIgnored() {
        Result r = HandoffStep.step(
                SHADOW, new Partitions(Set.of(P0), Map.of()), State.NONE, new Event.Released(7, Map.of(P0, 104L)));
        assertThat(r).isEqualTo(new Result(SHADOW, State.NONE, List.of()));
    }

    @Test
    void aPartitionAssignedDuringTheHandoffStartsAtAKnownReleaseOrIsHeldAtThePlan() {
        State state = known(TO, Map.of(P1, 205L));
        Partitions parts = new Partitions(Set.of(P1, P2), Map.of());
        Result r = HandoffStep.step(ACTIVE, parts, state, new Event.Assigned(Set.of(P1, P2)));
        assertThat(r)
                .isEqualTo(new Result(ACTIVE, state, List.of(new Action.Start(P1, 205L), new Action.Hold(P2, 300L))));
    }

    @Test
    void idleTakesNoPlan() {
        Result r = HandoffStep.step(IDLE, new Partitions(Set.of(), Map.of()), State.NONE, new Event.Planned(TO));
        assertThat(r).isEqualTo(new Result(IDLE, State.NONE, List.of()));
    }

    @Test
    void aNewPlanForTheOtherSideStartsAFreshState() {
        State old = known(TO, Map.of(P0, 104L));
        Plan next = new Plan(9, Role.FROM, Map.of(P0, 500L));
        Partitions parts = new Partitions(Set.of(P0), Map.of(P0, 480L));
        Result r = HandoffStep.step(ACTIVE, parts, old, new Event.Planned(next));
        assertThat(r).isEqualTo(new Result(ACTIVE, planned(next), List.of(new Action.Limit(P0, 500L))));
    }
}
