package io.shadowscale.scaler.controller;

import io.shadowscale.control.ControlChannel;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.TopicPartition;
import io.shadowscale.control.proto.WorkerMode;
import io.shadowscale.control.proto.WorkerStatus;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.scaler.model.SlotTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * Scripted stand-ins for the workers of one pair, speaking the control protocol over the real
 * control topic, plus a stand-in for KEDA: every 100 ms it starts or stops fake workers of each
 * slot to match the replica count the controller wants (new workers see only commands sent after
 * they start, as real ones do). A fake worker takes its share of the partitions (round robin over
 * the running workers of its slot, generation = their count), answers Warm with ready, Fence with
 * stop offsets = its group's committed offsets, Barrier by committing the offsets to its group and
 * reporting the partitions active, Drain and Abort by going idle. It ignores commands of an epoch
 * lower than the highest it saw. Scripted faults: a slot that never gets ready, workers that crash
 * on Fence, a slot that holds back its Barrier answer.
 */
@SuppressWarnings("checkstyle:InlineQualifiedName") // two TopicPartitions: the control proto's is imported
final class FakeFleet implements AutoCloseable {
    private final PairKey pair;
    private final List<org.apache.kafka.common.TopicPartition> partitions;
    private final Admin admin;
    private final ControlChannel channel;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Worker> workers = new TreeMap<>();
    private final List<ControlEnvelope> commands = new CopyOnWriteArrayList<>();
    private final Set<String> crashOnFence = ConcurrentHashMap.newKeySet();
    private final Set<SlotName> neverReady = ConcurrentHashMap.newKeySet();
    private final Set<SlotName> holdBarrier = ConcurrentHashMap.newKeySet();
    private volatile BiFunction<PairKey, SlotName, SlotTarget> targets;
    private long maxEpoch;
    private long positionLead;

    FakeFleet(
            Map<String, Object> clientProperties,
            String controlTopic,
            PairKey pair,
            List<org.apache.kafka.common.TopicPartition> partitions,
            Admin admin) {
        this.pair = pair;
        this.partitions = List.copyOf(partitions);
        this.admin = admin;
        this.channel = new ControlChannel(clientProperties, controlTopic, pair, this::onEnvelope);
        timer.scheduleWithFixedDelay(this::beat, 100, 100, TimeUnit.MILLISECONDS);
    }

    /**
     * A fleet of {@code pair} on {@code kafka}'s control topic {@code controlTopic}, following the
     * targets of whichever controller {@code current} holds (a standby may take over).
     */
    static FakeFleet following(
            LocalKafka kafka,
            String controlTopic,
            PairKey pair,
            List<org.apache.kafka.common.TopicPartition> partitions,
            AtomicReference<PairController> current) {
        FakeFleet fleet = new FakeFleet(kafka.clientProperties(), controlTopic, pair, partitions, kafka.admin());
        fleet.followTargets((p, s) -> current.get().target(p, s).orElse(SlotTarget.IDLE));
        return fleet;
    }

    /** Follow these slot targets (the controller's), as KEDA would. */
    void followTargets(BiFunction<PairKey, SlotName, SlotTarget> source) {
        this.targets = source;
    }

    void crashOnFence(String workerId) {
        crashOnFence.add(workerId);
    }

    void neverReady(SlotName slot) {
        neverReady.add(slot);
    }

    void holdBarrier(SlotName slot, boolean hold) {
        if (hold) {
            holdBarrier.add(slot);
        } else {
            holdBarrier.remove(slot);
        }
    }

    /** Workers report positions this far ahead of their group's committed offsets. */
    synchronized void positionLead(long lead) {
        this.positionLead = lead;
    }

    List<ControlEnvelope> commands() {
        return List.copyOf(commands);
    }

    synchronized Map<String, WorkerMode> modes() {
        Map<String, WorkerMode> modes = new TreeMap<>();
        workers.forEach((id, w) -> modes.put(id, w.crashed ? WorkerMode.MODE_UNSPECIFIED : w.mode));
        return modes;
    }

    private synchronized void onEnvelope(ControlEnvelope e) {
        if (!e.hasCommand()) {
            return;
        }
        commands.add(e);
        if (e.getEpoch() < maxEpoch) {
            return;
        }
        maxEpoch = e.getEpoch();
        Command c = e.getCommand();
        SlotName slot = SlotName.fromProto(c.getSlot());
        for (Worker w : workers.values()) {
            if (w.slot == slot
                    && !w.crashed
                    && (c.getWorkerId().isEmpty() || c.getWorkerId().equals(w.id))) {
                handle(w, c);
            }
        }
    }

    private void handle(Worker w, Command c) {
        switch (c.getKindCase()) {
            case ACTIVATE -> {
                w.mode = WorkerMode.ACTIVE;
                w.activeAll = true;
            }
            case WARM -> {
                if (neverReady.contains(w.slot)) {
                    return;
                }
                w.mode = WorkerMode.SHADOW;
            }
            case FENCE -> {
                if (crashOnFence.contains(w.id)) {
                    w.crashed = true;
                    return;
                }
                if (w.mode == WorkerMode.ACTIVE) {
                    w.mode = WorkerMode.DRAINING;
                    w.stopOffsets = committed(w.slot);
                    w.stopOffsets.keySet().retainAll(share(w));
                }
            }
            case BARRIER -> {
                // a worker that started after the Warm (IDLE) joins and starts at the barrier too
                if (holdBarrier.contains(w.slot) || (w.mode != WorkerMode.SHADOW && w.mode != WorkerMode.IDLE)) {
                    return;
                }
                Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (PartitionOffset o : c.getBarrier().getOffsetsList()) {
                    var tp = new org.apache.kafka.common.TopicPartition(o.getTopic(), o.getPartition());
                    if (share(w).contains(tp)) {
                        offsets.put(tp, new OffsetAndMetadata(o.getOffset()));
                    }
                }
                try {
                    admin.alterConsumerGroupOffsets(pair.groupId(w.slot), offsets)
                            .all()
                            .get(10, TimeUnit.SECONDS);
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
                w.mode = WorkerMode.ACTIVE;
                w.activeAll = true;
            }
            case DRAIN, ABORT -> {
                w.mode = WorkerMode.IDLE;
                w.activeAll = false;
                w.stopOffsets = new HashMap<>();
            }
            default -> {
                return;
            }
        }
        send(w, c.getCommandId());
    }

    private void beat() {
        try {
            synchronized (this) {
                scale();
                for (Worker w : workers.values()) {
                    if (!w.crashed) {
                        send(w, 0);
                    }
                }
            }
        } catch (RuntimeException e) {
            // the next beat tries again
        }
    }

    private void scale() {
        BiFunction<PairKey, SlotName, SlotTarget> source = targets;
        if (source == null) {
            return;
        }
        for (SlotName slot : SlotName.values()) {
            int want = source.apply(pair, slot).replicas();
            List<Worker> running = running(slot);
            for (int i = running.size(); i < want; i++) {
                String id = slot.label() + "-" + (i + 1);
                workers.putIfAbsent(id, new Worker(id, slot));
            }
            for (int i = want; i < running.size(); i++) {
                Worker gone = workers.remove(running.get(i).id);
                if (!gone.crashed) {
                    gone.leaving = true;
                    send(gone, 0);
                }
            }
        }
    }

    /** Workers of the slot, crashed ones included (a crashed pod is not replaced within a test). */
    private List<Worker> running(SlotName slot) {
        List<Worker> list = new ArrayList<>();
        for (Worker w : workers.values()) {
            if (w.slot == slot) {
                list.add(w);
            }
        }
        return list;
    }

    private List<org.apache.kafka.common.TopicPartition> share(Worker w) {
        List<Worker> all = running(w.slot);
        if (!all.contains(w)) {
            all.add(w);
        }
        int index = all.indexOf(w);
        List<org.apache.kafka.common.TopicPartition> mine = new ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            if (i % all.size() == index) {
                mine.add(partitions.get(i));
            }
        }
        return mine;
    }

    private Map<org.apache.kafka.common.TopicPartition, Long> committed(SlotName slot) {
        try {
            Map<org.apache.kafka.common.TopicPartition, Long> result = new HashMap<>();
            admin.listConsumerGroupOffsets(pair.groupId(slot))
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((tp, om) -> result.put(tp, om.offset()));
            return result;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(Worker w, long answers) {
        boolean inGroup = w.mode != WorkerMode.IDLE;
        List<org.apache.kafka.common.TopicPartition> mine = inGroup ? share(w) : List.of();
        WorkerStatus.Builder s = WorkerStatus.newBuilder()
                .setSlot(w.slot.toProto())
                .setWorkerId(w.id)
                .setMode(w.mode)
                .setReady(w.mode == WorkerMode.SHADOW || w.mode == WorkerMode.ACTIVE)
                .setAnswersCommandId(answers)
                .setAssignmentGeneration(running(w.slot).size())
                .setLeaving(w.leaving);
        mine.forEach(tp -> s.addAssigned(proto(tp)));
        if (w.activeAll) {
            mine.forEach(tp -> s.addActivePartitions(proto(tp)));
        }
        if (w.mode == WorkerMode.ACTIVE && positionLead > 0) {
            Map<org.apache.kafka.common.TopicPartition, Long> committed = committed(w.slot);
            mine.forEach(tp -> s.addPositions(PartitionOffset.newBuilder()
                    .setTopic(tp.topic())
                    .setPartition(tp.partition())
                    .setOffset(committed.getOrDefault(tp, 0L) + positionLead)));
        }
        w.stopOffsets.forEach((tp, o) -> s.addStopOffsets(PartitionOffset.newBuilder()
                .setTopic(tp.topic())
                .setPartition(tp.partition())
                .setOffset(o)));
        channel.send(ControlEnvelope.newBuilder()
                .setVersion(1)
                .setPair(pair.toProto())
                .setEpoch(maxEpoch)
                .setSentAtMs(System.currentTimeMillis())
                .setSender(w.id)
                .setStatus(s)
                .build());
    }

    private static TopicPartition proto(org.apache.kafka.common.TopicPartition tp) {
        return TopicPartition.newBuilder()
                .setTopic(tp.topic())
                .setPartition(tp.partition())
                .build();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close();
    }

    private static final class Worker {
        final String id;
        final SlotName slot;
        WorkerMode mode = WorkerMode.IDLE;
        boolean activeAll;
        boolean crashed;
        boolean leaving;
        Map<org.apache.kafka.common.TopicPartition, Long> stopOffsets = new HashMap<>();

        Worker(String id, SlotName slot) {
            this.id = id;
            this.slot = slot;
        }
    }
}
