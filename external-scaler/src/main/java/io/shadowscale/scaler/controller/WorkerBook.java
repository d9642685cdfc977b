package io.shadowscale.scaler.controller;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.HandoffGap;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.Slot;
import io.shadowscale.control.proto.TopicPartition;
import io.shadowscale.control.proto.WorkerStatus;
import io.shadowscale.scaler.model.PairInputs;
import io.shadowscale.scaler.model.WorkerReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Folds the workers' status records into their latest report per worker, with when it was seen and
 * the highest command id it ever answered (a heartbeat answers 0, so the answer is latched).
 * Written by the control reader thread, read by the controller. It also collects the handoff gaps
 * the workers report ({@code WorkerStatus.handoff_gaps}, repeated in every status until the next
 * handoff): each partition and epoch once, for {@link #takeGaps}; the gaps in the first status
 * seen of a worker are taken as already counted (reported before this scaler listened).
 */
final class WorkerBook {
    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    /** Reports closer together than this (a status on a change right after a heartbeat) keep the earlier speed. */
    private static final Duration MIN_RATE_SPAN = Duration.ofMillis(200);

    /** Most gaps kept per pair until taken (a standby takes none). */
    private static final int MAX_PENDING_GAPS = 1024;

    private final Map<PairKey, Map<String, Entry>> pairs = new ConcurrentHashMap<>();
    /** Per pair: the newest handoff epoch whose gap was counted, per partition. */
    private final Map<PairKey, Map<Partition, Long>> gapsCounted = new ConcurrentHashMap<>();

    private final Map<PairKey, Queue<Gap>> gapsPending = new ConcurrentHashMap<>();

    /**
     * @param rates how fast each reported position moved between this report and the one before
     *     (records per second; partitions seen once have none)
     */
    record Entry(WorkerReport report, Instant seen, Map<Partition, Long> positions, Map<Partition, Double> rates) {}

    /** One partition's handoff gap, as its new owner reported it, for the handoff of {@code epoch}. */
    record Gap(Partition partition, long epoch, Duration gap) {}

    void accept(ControlEnvelope envelope, Instant now) {
        if (!envelope.hasStatus()) {
            return;
        }
        WorkerStatus s = envelope.getStatus();
        int slotValue = s.getSlotValue();
        if (slotValue != Slot.BLUE_VALUE && slotValue != Slot.GREEN_VALUE) {
            return;
        }
        SlotName slot = SlotName.fromProto(s.getSlot());
        PairKey pair = PairKey.fromProto(envelope.getPair());
        Map<String, Entry> workers = pairs.computeIfAbsent(pair, k -> new ConcurrentHashMap<>());
        String key = slot.label() + "/" + s.getWorkerId();
        gaps(pair, s, workers.containsKey(key));
        workers.compute(key, (k, prev) -> {
            long answered = Math.max(prev == null ? 0 : prev.report().answered(), s.getAnswersCommandId());
            WorkerReport report = new WorkerReport(
                    s.getWorkerId(),
                    slot,
                    mode(s),
                    s.getReady(),
                    partitions(s.getAssignedList()),
                    partitions(s.getActivePartitionsList()),
                    offsets(s.getStopOffsetsList()),
                    answered,
                    s.getLeaving(),
                    s.getAssignmentGeneration(),
                    Math.max(1, s.getProtocolVersion()));
            Map<Partition, Long> positions = offsets(s.getPositionsList());
            return new Entry(report, now, positions, rates(prev, positions, now));
        });
        workers.values().removeIf(e -> e.seen().plus(FORGET_AFTER).isBefore(now));
    }

    /** The gaps of the pair reported since the last call, each partition and handoff epoch once. */
    List<Gap> takeGaps(PairKey pair) {
        Queue<Gap> pending = gapsPending.get(pair);
        List<Gap> taken = new ArrayList<>();
        for (Gap g = pending == null ? null : pending.poll(); g != null; g = pending.poll()) {
            taken.add(g);
        }
        return taken;
    }

    private void gaps(PairKey pair, WorkerStatus s, boolean known) {
        if (s.getHandoffGapsCount() == 0) {
            return;
        }
        Map<Partition, Long> counted = gapsCounted.computeIfAbsent(pair, k -> new ConcurrentHashMap<>());
        Queue<Gap> pending = gapsPending.computeIfAbsent(pair, k -> new ConcurrentLinkedQueue<>());
        for (HandoffGap g : s.getHandoffGapsList()) {
            Partition p = new Partition(g.getTopic(), g.getPartition());
            Long before = counted.get(p);
            if (before != null && before >= g.getEpoch()) {
                continue;
            }
            counted.put(p, g.getEpoch());
            if (known && pending.size() < MAX_PENDING_GAPS) {
                pending.add(new Gap(p, g.getEpoch(), Duration.ofNanos(Math.max(0, g.getGapMicros()) * 1000)));
            }
        }
    }

    /** Workers of the pair heard from within {@code staleAfter}. */
    List<WorkerReport> live(PairKey pair, Instant now, Duration staleAfter) {
        return entries(pair).stream()
                .filter(e -> !e.seen().plus(staleAfter).isBefore(now))
                .map(Entry::report)
                .toList();
    }

    /** The last position any worker of the slot reported per partition, stale ones included. */
    Map<Partition, Long> lastPositions(PairKey pair, SlotName slot) {
        Map<Partition, Long> positions = new HashMap<>();
        entries(pair).stream()
                .filter(e -> e.report().slot() == slot)
                .sorted((a, b) -> a.seen().compareTo(b.seen()))
                .forEach(e -> positions.putAll(e.positions()));
        return positions;
    }

    /**
     * Where the slot's workers last said each partition is, how long ago, and how fast it moved:
     * what a planned handoff's offsets start from.
     */
    Map<Partition, PairInputs.Progress> progress(PairKey pair, SlotName slot, Instant now) {
        Map<Partition, PairInputs.Progress> result = new HashMap<>();
        entries(pair).stream()
                .filter(e -> e.report().slot() == slot)
                .sorted((a, b) -> a.seen().compareTo(b.seen()))
                .forEach(e -> e.positions()
                        .forEach((p, position) -> result.put(
                                p,
                                new PairInputs.Progress(
                                        position,
                                        Math.max(
                                                0,
                                                Duration.between(e.seen(), now).toMillis()),
                                        e.rates().getOrDefault(p, 0.0)))));
        return result;
    }

    /**
     * Records per second between the previous report's positions and these (kept from the previous report when too
     * close).
     */
    private static Map<Partition, Double> rates(Entry prev, Map<Partition, Long> positions, Instant now) {
        if (prev == null) {
            return Map.of();
        }
        long millis = Duration.between(prev.seen(), now).toMillis();
        if (millis < MIN_RATE_SPAN.toMillis()) {
            return prev.rates();
        }
        Map<Partition, Double> rates = new HashMap<>();
        positions.forEach((p, position) -> {
            Long before = prev.positions().get(p);
            if (before != null && position >= before) {
                rates.put(p, (position - before) * 1000.0 / millis);
            }
        });
        return rates;
    }

    /** The most recently seen worker of the slot that reported {@code partition} assigned. */
    Optional<Entry> ownerOf(PairKey pair, SlotName slot, Partition partition) {
        return entries(pair).stream()
                .filter(e -> e.report().slot() == slot && e.report().assigned().contains(partition))
                .max((a, b) -> a.seen().compareTo(b.seen()));
    }

    private List<Entry> entries(PairKey pair) {
        Map<String, Entry> workers = pairs.get(pair);
        return workers == null ? List.of() : List.copyOf(workers.values());
    }

    private static WorkerReport.Mode mode(WorkerStatus s) {
        return switch (s.getMode()) {
            case IDLE -> WorkerReport.Mode.IDLE;
            case SHADOW -> WorkerReport.Mode.SHADOW;
            case ACTIVE -> WorkerReport.Mode.ACTIVE;
            case DRAINING -> WorkerReport.Mode.DRAINING;
            default -> WorkerReport.Mode.UNKNOWN;
        };
    }

    private static Set<Partition> partitions(List<TopicPartition> list) {
        Set<Partition> set = new HashSet<>();
        list.forEach(tp -> set.add(new Partition(tp.getTopic(), tp.getPartition())));
        return set;
    }

    private static Map<Partition, Long> offsets(List<PartitionOffset> list) {
        Map<Partition, Long> map = new HashMap<>();
        list.forEach(o -> map.put(new Partition(o.getTopic(), o.getPartition()), o.getOffset()));
        return map;
    }
}
