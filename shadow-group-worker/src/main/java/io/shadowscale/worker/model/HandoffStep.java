package io.shadowscale.worker.model;

import io.shadowscale.common.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A worker's side of the planned handoff as a pure step: from (mode, the worker's partitions, what
 * it knows of the handoff, one event) to the next mode, the next handoff state and the consumer
 * actions the poll loop runs, in order. Nothing here touches a consumer; {@code ConsumerLoop} only
 * carries the actions out. The whole protocol, with its diagram, is in {@code docs/design/handoff.md}.
 *
 * <p>The handoff's plan names an offset {@code H} per partition, fixed by the controller before
 * anything stops.
 * <ul>
 *   <li>Slot handing over ({@link Role#FROM}, ACTIVE): each started partition is processed only
 *       below {@code H} ({@link Action.Limit}); one already at or past {@code H} stops at once where
 *       it is. A partition that reached its limit is released ({@link Action.Release}: flush,
 *       commit, pause, tell the other slot) without waiting for any other partition. Once every
 *       started partition is released the worker is DRAINING.</li>
 *   <li>Slot taking over ({@link Role#TO}, SHADOW): the worker goes ACTIVE without processing,
 *       positions each assigned partition at {@code H} and holds what it fetches there
 *       ({@link Action.Hold}); a release naming a partition starts it at the released offset
 *       ({@link Action.Start}), from the held records.</li>
 * </ul>
 */
public final class HandoffStep {
    private HandoffStep() {}

    /** Which side of the handoff this worker is on. */
    public enum Role {
        /** The worker's slot hands its partitions over. */
        FROM,
        /** The worker's slot takes them over. */
        TO
    }

    /**
     * A Handoff command as this worker read it.
     *
     * @param epoch the command's epoch (a release of an older epoch belongs to an earlier walk)
     * @param role this worker's side
     * @param offsets the planned offset per partition
     */
    public record Plan(long epoch, Role role, Map<Partition, Long> offsets) {
        public Plan {
            Objects.requireNonNull(role, "role");
            offsets = Map.copyOf(offsets);
        }

        /** Same side and offsets: a repeat of the same plan (a resumed controller sends it with a higher epoch). */
        boolean samePlan(Plan other) {
            return role == other.role && offsets.equals(other.offsets);
        }
    }

    /**
     * What the worker knows of the handoff in progress.
     *
     * @param plan the plan, empty when no handoff runs
     * @param known TO: the offsets the other slot released, per partition
     * @param released FROM: the partitions this worker released, with their offsets
     */
    public record State(Optional<Plan> plan, Map<Partition, Long> known, Map<Partition, Long> released) {
        /** No handoff. */
        public static final State NONE = new State(Optional.empty(), Map.of(), Map.of());

        public State {
            Objects.requireNonNull(plan, "plan");
            known = Map.copyOf(known);
            released = Map.copyOf(released);
        }

        State withKnown(Map<Partition, Long> more) {
            return new State(plan, merged(known, more), released);
        }

        State withReleased(Map<Partition, Long> more) {
            return new State(plan, known, merged(released, more));
        }

        private static Map<Partition, Long> merged(Map<Partition, Long> a, Map<Partition, Long> b) {
            Map<Partition, Long> all = new TreeMap<>(a);
            all.putAll(b);
            return all;
        }
    }

    /**
     * The worker's partitions as the poll loop holds them.
     *
     * @param assigned what the slot group gave this member
     * @param started the partitions being processed, with the next offset to process
     */
    public record Partitions(Set<Partition> assigned, Map<Partition, Long> started) {
        public Partitions {
            assigned = Set.copyOf(assigned);
            started = Map.copyOf(started);
        }
    }

    /** What happened. */
    public sealed interface Event {
        /** The Handoff command arrived (or arrived again). */
        record Planned(Plan plan) implements Event {
            public Planned {
                Objects.requireNonNull(plan, "plan");
            }
        }

        /** A Release from a worker of the other slot arrived. */
        record Released(long epoch, Map<Partition, Long> offsets) implements Event {
            public Released {
                offsets = Map.copyOf(offsets);
            }
        }

        /** FROM: these started partitions have nothing left to process below their limit; the offset each stops at. */
        record Reached(Map<Partition, Long> at) implements Event {
            public Reached {
                at = Map.copyOf(at);
            }
        }

        /** TO: the group assigned these partitions while the handoff runs, and no start offset is known for them. */
        record Assigned(Set<Partition> partitions) implements Event {
            public Assigned {
                partitions = Set.copyOf(partitions);
            }
        }
    }

    /** What the poll loop does, in order. */
    public sealed interface Action {
        /** TO: seek the partition to {@code offset}, resume it, and hold what it fetches without processing it. */
        record Hold(Partition partition, long offset) implements Action {}

        /** FROM: process only the partition's records below {@code offset}. */
        record Limit(Partition partition, long offset) implements Action {}

        /** FROM: stop these partitions at these offsets now: flush the output, commit, pause, publish one release. */
        record Release(Map<Partition, Long> offsets) implements Action {
            public Release {
                offsets = Map.copyOf(offsets);
            }
        }

        /** TO: start processing the partition at {@code offset}, from the held records where they cover it. */
        record Start(Partition partition, long offset) implements Action {}
    }

    /** The step's outcome: the mode to move to (or stay in), the next handoff state, the actions in order. */
    public record Result(WorkerMode mode, State state, List<Action> actions) {
        public Result {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(state, "state");
            actions = List.copyOf(actions);
        }
    }

    /** The next mode, state and actions; an event that does not apply leaves everything as it is, with no action. */
    public static Result step(WorkerMode mode, Partitions parts, State state, Event event) {
        Objects.requireNonNull(event, "event");
        if (event instanceof Event.Planned planned) {
            return planned.plan().role() == Role.FROM
                    ? handOver(mode, parts, state, planned.plan())
                    : takeOver(mode, parts, state, planned.plan());
        }
        if (event instanceof Event.Released released) {
            return released(mode, parts, state, released);
        }
        if (event instanceof Event.Reached reached) {
            return reached(mode, parts, state, reached.at());
        }
        return assigned(mode, parts, state, ((Event.Assigned) event).partitions());
    }

    private static Result handOver(WorkerMode mode, Partitions parts, State state, Plan plan) {
        if (mode != WorkerMode.ACTIVE || state.plan().filter(plan::samePlan).isPresent()) {
            return unchanged(mode, state); // a repeat, or nothing left to hand over (DRAINING)
        }
        State next = new State(Optional.of(plan), Map.of(), Map.of());
        List<Action> actions = new ArrayList<>();
        Map<Partition, Long> now = new TreeMap<>();
        for (Map.Entry<Partition, Long> e : new TreeMap<>(parts.started()).entrySet()) {
            Long limit = plan.offsets().get(e.getKey());
            if (limit == null) {
                continue; // not in the plan: the controller's fallback takes it
            }
            if (e.getValue() >= limit) {
                now.put(e.getKey(), e.getValue());
            } else {
                actions.add(new Action.Limit(e.getKey(), limit));
            }
        }
        return release(parts, next, actions, now);
    }

    private static Result takeOver(WorkerMode mode, Partitions parts, State state, Plan plan) {
        if (mode == WorkerMode.ACTIVE && state.plan().filter(plan::samePlan).isPresent()) {
            return unchanged(mode, state);
        }
        if (mode != WorkerMode.SHADOW && mode != WorkerMode.ACTIVE) {
            return unchanged(mode, state);
        }
        State next = new State(Optional.of(plan), Map.of(), Map.of());
        List<Action> actions = new ArrayList<>();
        for (Partition p : new TreeSet<>(parts.assigned())) {
            Long offset = plan.offsets().get(p);
            if (!parts.started().containsKey(p) && offset != null) {
                actions.add(new Action.Hold(p, offset));
            }
        }
        return new Result(WorkerMode.ACTIVE, next, actions);
    }

    private static Result released(WorkerMode mode, Partitions parts, State state, Event.Released event) {
        Optional<Plan> plan = state.plan();
        if (mode != WorkerMode.ACTIVE
                || plan.isEmpty()
                || plan.get().role() != Role.TO
                || event.epoch() < plan.get().epoch()) {
            return unchanged(mode, state);
        }
        List<Action> actions = new ArrayList<>();
        new TreeMap<>(event.offsets()).forEach((p, offset) -> {
            if (parts.assigned().contains(p) && !parts.started().containsKey(p)) {
                actions.add(new Action.Start(p, offset));
            }
        });
        return new Result(mode, state.withKnown(event.offsets()), actions);
    }

    private static Result reached(WorkerMode mode, Partitions parts, State state, Map<Partition, Long> at) {
        if (mode != WorkerMode.ACTIVE
                || state.plan().map(p -> p.role() != Role.FROM).orElse(true)) {
            return unchanged(mode, state);
        }
        Map<Partition, Long> stopping = new TreeMap<>(at);
        stopping.keySet().retainAll(parts.started().keySet());
        return release(parts, state, new ArrayList<>(), stopping);
    }

    private static Result assigned(WorkerMode mode, Partitions parts, State state, Set<Partition> partitions) {
        Optional<Plan> plan = state.plan();
        if (mode != WorkerMode.ACTIVE || plan.isEmpty() || plan.get().role() != Role.TO) {
            return unchanged(mode, state);
        }
        List<Action> actions = new ArrayList<>();
        for (Partition p : new TreeSet<>(partitions)) {
            if (parts.started().containsKey(p)) {
                continue;
            }
            Long known = state.known().get(p);
            Long planned = plan.get().offsets().get(p);
            if (known != null) {
                actions.add(new Action.Start(p, known));
            } else if (planned != null) {
                actions.add(new Action.Hold(p, planned));
            }
        }
        return new Result(mode, state, actions);
    }

    /** Adds the release of {@code stopping} (if any) and moves to DRAINING once nothing started is left. */
    private static Result release(Partitions parts, State state, List<Action> actions, Map<Partition, Long> stopping) {
        if (stopping.isEmpty()) {
            // a member without partitions has nothing to hand over: it is done at once
            return new Result(parts.started().isEmpty() ? WorkerMode.DRAINING : WorkerMode.ACTIVE, state, actions);
        }
        actions.add(new Action.Release(stopping));
        boolean allStopped = stopping.keySet().containsAll(parts.started().keySet());
        return new Result(allStopped ? WorkerMode.DRAINING : WorkerMode.ACTIVE, state.withReleased(stopping), actions);
    }

    private static Result unchanged(WorkerMode mode, State state) {
        return new Result(mode, state, List.of());
    }
}
