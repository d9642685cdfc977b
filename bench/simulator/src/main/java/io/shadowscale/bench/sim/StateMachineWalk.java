package io.shadowscale.bench.sim;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.PairInputs;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PairTransitions;
import io.shadowscale.scaler.model.PhaseCommand;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.model.WorkerReport;
import io.shadowscale.scaler.model.policy.PartitionBalance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pair controller's real state machine ({@link PairTransitions#next}) walking a pair of
 * simulated workers on a millisecond virtual clock. Whenever the state's command changes
 * ({@link PhaseCommand#of}), the addressed slot's workers answer it after the time
 * {@link WalkTimes} gives, as real workers do:
 *
 * <ul>
 *   <li>Warm: the idle slot's M workers report SHADOW and ready, sharing the partitions round-robin;
 *   <li>Fence: the active workers stop (nothing is processed from here), answer with stop offsets;
 *   <li>Barrier: the new workers report their partitions active (processing resumes, with M);
 *   <li>Drain, Abort: the slot's workers answer IDLE and leave (their pods stop being paid for).
 * </ul>
 *
 * The controller looks at once when a status answers its command, and at each timeout deadline.
 * A slot is paid for at the larger of what KEDA is told to run ({@link PairState#targetOf}) and
 * its workers still alive. The fluid model has no record offsets: a stop offset is the fence
 * answer's time in ms (it only has to exist for every partition).
 */
public final class StateMachineWalk implements PairWalk {
    /** The virtual clock's origin: simulated second 0. */
    public static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");

    private static final PairKey PAIR = new PairKey("sim", "pair");

    private final PolicySettings settings;
    private final WalkTimes times;
    private final int partitionCount;
    private final Set<Partition> partitions;
    private final Map<SlotName, List<WorkerReport>> workers = new EnumMap<>(SlotName.class);
    private PairState state;
    private long nowMillis;
    /** When the controller last looked (a timeout deadline is looked at once). */
    private long lookedAt = -1;
    /** The command id whose answer is scheduled, and when and what the answer is. */
    private long scheduledFor;

    private long answerAt = -1;
    private SlotName answerSlot;
    private List<WorkerReport> answer = List.of();

    public StateMachineWalk(int initialWorkers, int partitions, PolicySettings settings, WalkTimes times) {
        this.settings = settings;
        this.times = times;
        this.partitionCount = partitions;
        Set<Partition> all = new TreeSet<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new Partition("sim", p));
        }
        this.partitions = Set.copyOf(all);
        for (SlotName slot : SlotName.values()) {
            workers.put(slot, List.of());
        }
        PairState starting = PairState.starting(PAIR, initialWorkers, EPOCH);
        workers.put(
                starting.active(),
                reports(starting.active(), initialWorkers, WorkerReport.Mode.ACTIVE, starting.commandId(), false));
        state = transition(starting, inputs());
        if (state.phase() != PairPhase.STEADY) {
            throw new IllegalStateException("the pair did not start: " + state.reason());
        }
        scheduledFor = state.commandId();
    }

    @Override
    public PairState state() {
        return state;
    }

    @Override
    public void decide(int second, PolicyOutcome outcome) {
        if (walking()) {
            throw new IllegalStateException("the pair is " + state.phase() + "; the policy is asked only when STEADY");
        }
        if (second * 1000L != nowMillis) {
            throw new IllegalStateException(
                    "decision at second " + second + " but the walk is at " + nowMillis + " ms");
        }
        lookedAt = nowMillis;
        state = transition(state.withMemory(outcome.memory()), inputs().withDecision(outcome.decision()));
    }

    @Override
    public Step step(int second) {
        long end = (second + 1) * 1000L;
        if (second * 1000L != nowMillis) {
            throw new IllegalStateException("step of second " + second + " but the walk is at " + nowMillis + " ms");
        }
        double workerMillis = 0;
        long stallMillis = 0;
        int billed = 0;
        boolean cutover = false;
        while (true) {
            schedule();
            long next = Math.min(answerAt >= 0 ? answerAt : Long.MAX_VALUE, deadline());
            if (next == nowMillis) {
                cutover |= look();
                continue;
            }
            billed = Math.max(billed, billed());
            long until = Math.min(next, end);
            long span = until - nowMillis;
            workerMillis += processingWorkers() * span;
            stallMillis += state.phase() == PairPhase.CUTTING_OVER ? span : 0;
            nowMillis = until;
            if (until == end) {
                break;
            }
        }
        return new Step(state.activeReplicas(), billed, workerMillis / 1000, stallMillis / 1000.0, cutover);
    }

    /**
     * The controller looks at the pair now: the workers' due answer arrives, the state machine moves.
     * Returns whether the new slot became active.
     */
    private boolean look() {
        if (answerAt == nowMillis) {
            workers.put(answerSlot, answer);
            answerAt = -1;
        }
        lookedAt = nowMillis;
        PairPhase before = state.phase();
        state = transition(state, inputs());
        if (state.phase() == PairPhase.STEADY && before != PairPhase.STEADY) {
            workers.put(state.other(), List.of()); // drained or aborted workers have left
        }
        return before == PairPhase.CUTTING_OVER && state.phase() == PairPhase.DRAINING;
    }

    /** Schedules the addressed workers' answer to the state's command, once per command id. */
    private void schedule() {
        if (state.commandId() == scheduledFor) {
            return;
        }
        scheduledFor = state.commandId();
        long id = state.commandId();
        SlotName other = state.other();
        switch (state.phase()) {
            case WARMING ->
                answer(
                        times.warmupMillis(),
                        other,
                        reports(other, state.targetReplicas(), WorkerReport.Mode.SHADOW, id, false));
            case CUTTING_OVER -> {
                if (state.barrier().isEmpty()) {
                    answer(times.fenceMillis(), state.active(), fenced(workers.get(state.active()), id));
                } else {
                    answer(
                            times.barrierMillis(),
                            other,
                            reports(other, state.targetReplicas(), WorkerReport.Mode.ACTIVE, id, false));
                }
            }
            case DRAINING, ROLLING_BACK ->
                answer(
                        times.drainMillis(),
                        other,
                        reports(other, workers.get(other).size(), WorkerReport.Mode.IDLE, id, true));
            case STARTING, STEADY -> answerAt = -1;
        }
    }

    private void answer(long afterMillis, SlotName slot, List<WorkerReport> reports) {
        answerAt = nowMillis + afterMillis;
        answerSlot = slot;
        answer = reports;
    }

    /** The next timeout the controller would notice (warm-up, fence or drain), or never. */
    private long deadline() {
        long since = state.since().toEpochMilli() - EPOCH.toEpochMilli();
        long at = switch (state.phase()) {
            case WARMING, ROLLING_BACK -> since + settings.warmupTimeout().toMillis();
            case CUTTING_OVER ->
                state.barrier().isEmpty() ? since + settings.fenceTimeout().toMillis() : Long.MAX_VALUE;
            case DRAINING -> since + settings.fenceTimeout().toMillis();
            case STARTING, STEADY -> Long.MAX_VALUE;
        };
        return at > lookedAt ? at : Long.MAX_VALUE;
    }

    /** Effective workers processing now: none between the Fence and the new slot's activation. */
    private double processingWorkers() {
        if (state.phase() == PairPhase.CUTTING_OVER) {
            return 0;
        }
        return PartitionBalance.effectiveWorkers(state.activeReplicas(), partitionCount);
    }

    private int billed() {
        int total = 0;
        for (SlotName slot : SlotName.values()) {
            total += Math.max(state.targetOf(slot).replicas(), workers.get(slot).size());
        }
        return total;
    }

    private PairState transition(PairState s, PairInputs in) {
        return PairTransitions.next(s, in, settings, EPOCH.plusMillis(nowMillis));
    }

    private PairInputs inputs() {
        List<WorkerReport> live = new ArrayList<>();
        for (SlotName slot : SlotName.values()) {
            live.addAll(workers.get(slot));
        }
        return PairInputs.of(partitions, live);
    }

    /** {@code n} workers of {@code slot} in {@code mode}, sharing the partitions round-robin. */
    private List<WorkerReport> reports(SlotName slot, int n, WorkerReport.Mode mode, long answered, boolean leaving) {
        List<WorkerReport> list = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            Set<Partition> assigned = new HashSet<>();
            for (int p = w; p < partitionCount && mode != WorkerReport.Mode.IDLE; p += n) {
                assigned.add(new Partition("sim", p));
            }
            boolean active = mode == WorkerReport.Mode.ACTIVE;
            list.add(new WorkerReport(
                    slot.label() + "-" + w,
                    slot,
                    mode,
                    active || mode == WorkerReport.Mode.SHADOW,
                    assigned,
                    active ? assigned : Set.of(),
                    Map.of(),
                    answered,
                    leaving,
                    1,
                    1));
        }
        return list;
    }

    private List<WorkerReport> fenced(List<WorkerReport> active, long answered) {
        List<WorkerReport> list = new ArrayList<>();
        for (WorkerReport w : active) {
            Map<Partition, Long> stops = new HashMap<>();
            w.assigned().forEach(p -> stops.put(p, nowMillis + times.fenceMillis()));
            list.add(new WorkerReport(
                    w.workerId(),
                    w.slot(),
                    WorkerReport.Mode.DRAINING,
                    false,
                    w.assigned(),
                    Set.of(),
                    stops,
                    answered,
                    false,
                    w.generation(),
                    w.protocolVersion()));
        }
        return list;
    }
}
