package io.shadowscale.scaler.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.kafka.proto.PairStateRecord;
import io.shadowscale.scaler.kafka.proto.PartitionOffset;
import io.shadowscale.scaler.kafka.proto.PolicyMemoryRecord;
import io.shadowscale.scaler.kafka.proto.TrafficProfileRecord;
import io.shadowscale.scaler.kafka.proto.TransitionRecord;
import io.shadowscale.scaler.model.CutoverStep;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.TrafficProfile;
import io.shadowscale.scaler.model.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps a {@link PairState} to and from one record of the state topic, a {@code PairStateRecord}
 * of {@code shadowscale_state.proto} (which states the compatibility rules). Every field is set
 * when writing, so a reader of any version sees each value, not its own default for a missing one.
 *
 * <p>A phase this version does not know (a newer controller's) is read as {@link PairPhase#ROLLING_BACK}
 * towards the record's active slot, with the old slot to be activated again: the other slot is
 * sent Abort, the active slot Activate, and the pair ends STEADY with one slot processing from
 * its group's committed offsets. Whatever the newer phase was doing, nothing is skipped: records
 * the other slot processed past those offsets are processed again (at-least-once, as after a
 * timed-out fence). The other choices are worse: STEADY sends nothing, so an active slot the newer
 * phase had fenced would stay fenced while the other slot is scaled to 0 without being told, and
 * holding the pair as it is would keep both slots running and never bring it back to a phase this
 * version can finish. The rollback's timeout counts from the record's {@code since}, as for any
 * resumed rollback. A history entry with an unknown phase is shown as ROLLING_BACK, its reason
 * naming the phases as written.
 */
public final class StateCodec {
    /** Layout version written. */
    public static final int VERSION = 1;

    private StateCodec() {}

    public static byte[] encode(PairState s) {
        PairStateRecord.Builder r = PairStateRecord.newBuilder()
                .setVersion(VERSION)
                .setNamespace(s.pair().namespace())
                .setName(s.pair().name())
                .setPhase(s.phase().name())
                .setEpoch(s.epoch())
                .setCommandId(s.commandId())
                .setActiveSlot(s.active().label())
                .setActiveReplicas(s.activeReplicas())
                .setTargetReplicas(s.targetReplicas())
                .setSinceMs(s.since().toEpochMilli())
                .setWalkStartedAtMs(millis(s.walkStartedAt()));
        s.sortedBarrier().forEach((p, offset) -> r.addBarrier(offset(p, offset)));
        s.fallbackPartitions().stream().sorted().forEach(p -> r.addFallbackPartitions(offset(p, 0)));
        r.setFallbackRecords(s.fallbackRecords())
                .setReactivateOld(s.reactivateOld())
                .setPaused(s.paused())
                .setMemory(memory(s.memory()))
                .setReason(s.reason());
        for (Transition t : s.history()) {
            r.addHistory(TransitionRecord.newBuilder()
                    .setAtMs(t.at().toEpochMilli())
                    .setEpoch(t.epoch())
                    .setFrom(t.from().name())
                    .setTo(t.to().name())
                    .setReason(t.reason()));
        }
        r.setCutoverStep(s.step().name()).setPlanned(s.planned());
        new TreeMap<>(s.plan()).forEach((p, offset) -> r.addPlan(offset(p, offset)));
        return r.build().toByteArray();
    }

    /**
     * Decodes a record.
     *
     * @throws IllegalArgumentException naming what is wrong, for a malformed record or one of a
     *     newer layout version
     */
    public static PairState decode(byte[] bytes) {
        try {
            return read(PairStateRecord.parseFrom(bytes));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new IllegalArgumentException("malformed pair state record: " + e.getMessage(), e);
        }
    }

    private static PairState read(PairStateRecord r) {
        if (r.getVersion() < 1 || r.getVersion() > VERSION) {
            throw new IllegalArgumentException("version " + r.getVersion() + ", this controller reads 1.." + VERSION);
        }
        if (!r.hasPhase()) {
            throw new IllegalArgumentException("no phase");
        }
        Optional<PairPhase> known = PairPhase.fromName(r.getPhase());
        PairPhase phase = known.orElse(PairPhase.ROLLING_BACK);
        Map<Partition, Long> barrier = offsets(r.getBarrierList());
        Set<Partition> fallback =
                new HashSet<>(offsets(r.getFallbackPartitionsList()).keySet());
        List<Transition> history = new ArrayList<>();
        for (TransitionRecord t : r.getHistoryList()) {
            history.add(transition(t));
        }
        PairState.Builder s = PairState.builder(
                        new PairKey(r.getNamespace(), r.getName()), Instant.ofEpochMilli(r.getSinceMs()))
                .phase(phase)
                .epoch(r.getEpoch())
                .commandId(r.getCommandId())
                .active(SlotName.parse(r.getActiveSlot()))
                .activeReplicas(r.getActiveReplicas())
                .targetReplicas(r.getTargetReplicas())
                .walkStartedAt(instant(r.getWalkStartedAtMs()))
                .step(step(r, phase, barrier))
                .planned(r.getPlanned())
                .plan(offsets(r.getPlanList()))
                .barrier(barrier)
                .fallbackPartitions(fallback)
                .fallbackRecords(r.getFallbackRecords())
                .reactivateOld(r.getReactivateOld())
                .paused(r.getPaused())
                .memory(r.hasMemory() ? memory(r.getMemory()) : PolicyMemory.INITIAL)
                .reason(r.getReason())
                .history(history);
        if (known.isEmpty()) {
            // see the class comment: given up towards the active slot, as PairTransitions' rollBack does
            s.step(CutoverStep.NONE)
                    .plan(Map.of())
                    .barrier(Map.of())
                    .fallbackPartitions(Set.of())
                    .fallbackRecords(0)
                    .reactivateOld(true)
                    .reason("phase " + r.getPhase() + " of a newer controller is unknown to this"
                            + " one; rolling back to " + r.getActiveSlot() + " (" + r.getReason() + ")");
        }
        return s.build();
    }

    /** The recorded step; a writer before steps existed left it out: it follows from the barrier. */
    private static CutoverStep step(PairStateRecord r, PairPhase phase, Map<Partition, Long> barrier) {
        if (r.hasCutoverStep()) {
            return CutoverStep.fromName(r.getCutoverStep());
        }
        return phase != PairPhase.CUTTING_OVER
                ? CutoverStep.NONE
                : barrier.isEmpty() ? CutoverStep.FENCING : CutoverStep.BARRIER;
    }

    private static Transition transition(TransitionRecord t) {
        Optional<PairPhase> from = PairPhase.fromName(t.getFrom());
        Optional<PairPhase> to = PairPhase.fromName(t.getTo());
        String reason = from.isPresent() && to.isPresent()
                ? t.getReason()
                : t.getReason() + " (written as " + t.getFrom() + " -> " + t.getTo() + ")";
        return new Transition(
                Instant.ofEpochMilli(t.getAtMs()),
                t.getEpoch(),
                from.orElse(PairPhase.ROLLING_BACK),
                to.orElse(PairPhase.ROLLING_BACK),
                reason);
    }

    private static PartitionOffset offset(Partition p, long offset) {
        return PartitionOffset.newBuilder()
                .setTopic(p.topic())
                .setPartition(p.partition())
                .setOffset(offset)
                .build();
    }

    private static Map<Partition, Long> offsets(List<PartitionOffset> records) {
        Map<Partition, Long> offsets = new HashMap<>();
        for (PartitionOffset o : records) {
            offsets.put(new Partition(o.getTopic(), o.getPartition()), o.getOffset());
        }
        return offsets;
    }

    private static PolicyMemoryRecord memory(PolicyMemory m) {
        TrafficProfile p = m.profile();
        TrafficProfileRecord.Builder profile = TrafficProfileRecord.newBuilder()
                .setFirstSeenMs(millis(p.firstSeen()))
                .setSlot(p.slot())
                .setSlotSum(p.slotSum())
                .setSlotCount(p.slotCount())
                .setLevel(p.level());
        for (float v : p.daily()) {
            profile.addDaily(v);
        }
        for (float v : p.weekly()) {
            profile.addWeekly(v);
        }
        return PolicyMemoryRecord.newBuilder()
                .setLearnedCapacity(m.learnedCapacity())
                .setPendingReplicas(m.pendingReplicas())
                .setPendingSinceMs(millis(m.pendingSince()))
                .setLastResizeAtMs(millis(m.lastResizeAt()))
                .setProfile(profile)
                .build();
    }

    private static PolicyMemory memory(PolicyMemoryRecord m) {
        TrafficProfile profile = TrafficProfile.EMPTY;
        if (m.hasProfile()) {
            TrafficProfileRecord p = m.getProfile();
            profile = TrafficProfile.of(
                    instant(p.getFirstSeenMs()),
                    p.getSlot(),
                    p.getSlotSum(),
                    p.getSlotCount(),
                    slots("daily", p.getDailyList(), TrafficProfile.EMPTY.daily()),
                    slots("weekly", p.getWeeklyList(), TrafficProfile.EMPTY.weekly()),
                    p.getLevel());
        }
        return new PolicyMemory(
                m.getLearnedCapacity(),
                m.getPendingReplicas(),
                instant(m.getPendingSinceMs()),
                instant(m.getLastResizeAtMs()),
                profile);
    }

    /** The recorded slot values, {@code unset} when there are none. */
    private static float[] slots(String which, List<Float> values, float[] unset) {
        if (values.isEmpty()) {
            return unset;
        }
        if (values.size() != unset.length) {
            throw new IllegalArgumentException(
                    "profile slots: expected " + unset.length + " " + which + " values, got " + values.size());
        }
        float[] slots = new float[values.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = values.get(i);
        }
        return slots;
    }

    private static long millis(Instant t) {
        return t == null ? -1 : t.toEpochMilli();
    }

    private static Instant instant(long ms) {
        return ms < 0 ? null : Instant.ofEpochMilli(ms);
    }
}
