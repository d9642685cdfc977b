package io.shadowscale.testkit.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.control.ControlChannel;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.TopicPartition;
import io.shadowscale.control.proto.WorkerStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The test plays the controller: it sends commands over the real control topic, each in a new
 * epoch, and repeats the current one every second until every addressed worker answered it, as
 * the real controller does (so repeated commands are exercised too).
 */
public final class ControlDriver implements AutoCloseable {
    private static final Duration REPEAT = Duration.ofSeconds(1);

    private final PairKey pair;
    private final ControlChannel channel;
    private final Map<String, WorkerStatus> latest = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, WorkerStatus>> answers = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong commandId = new AtomicLong();

    public ControlDriver(Map<String, Object> clientProperties, String topic, PairKey pair) {
        this.pair = pair;
        this.channel = new ControlChannel(clientProperties, topic, pair, this::onEnvelope);
    }

    private void onEnvelope(ControlEnvelope envelope) {
        if (!envelope.hasStatus()) {
            return;
        }
        WorkerStatus status = envelope.getStatus();
        latest.put(status.getWorkerId(), status);
        if (status.getAnswersCommandId() != 0) {
            answers.computeIfAbsent(status.getWorkerId(), w -> new ConcurrentHashMap<>())
                    .put(status.getAnswersCommandId(), status);
        }
    }

    /** Sends a command to {@code slot} and repeats it until all {@code workers} answered; returns their answers. */
    public Map<String, WorkerStatus> command(
            SlotName slot, Set<String> workers, Consumer<Command.Builder> kind, Duration timeout) {
        return command(slot, workers, kind, timeout, true);
    }

    /** As {@link #command}, optionally accepting answers that refused the command. */
    public Map<String, WorkerStatus> command(
            SlotName slot,
            Set<String> workers,
            Consumer<Command.Builder> kind,
            Duration timeout,
            boolean mustCarryOut) {
        long id = commandId.incrementAndGet();
        Command.Builder builder = Command.newBuilder().setSlot(slot.toProto()).setCommandId(id);
        kind.accept(builder);
        ControlEnvelope envelope = ControlEnvelope.newBuilder()
                .setPair(pair.toProto())
                .setEpoch(epoch.incrementAndGet())
                .setSentAtMs(System.currentTimeMillis())
                .setSender("test-controller")
                .setCommand(builder)
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            channel.send(envelope).join();
            long repeatAt = System.nanoTime() + REPEAT.toNanos();
            while (System.nanoTime() < repeatAt) {
                Map<String, WorkerStatus> got = new HashMap<>();
                for (String worker : workers) {
                    WorkerStatus answer = answers.getOrDefault(worker, Map.of()).get(id);
                    if (answer != null) {
                        got.put(worker, answer);
                    }
                }
                if (got.size() == workers.size()) {
                    if (mustCarryOut) {
                        got.forEach((w, s) -> assertThat(s.getRefusedReason())
                                .as("answer of %s", w)
                                .isEmpty());
                    }
                    return got;
                }
                if (System.nanoTime() > deadline) {
                    throw new ConditionTimeoutException("command " + builder.getKindCase() + " answered by "
                            + got.keySet() + " of " + workers + " within " + timeout);
                }
                pause(5);
            }
        }
    }

    /** Sends one command at an explicit epoch, without repeating it; returns its id. */
    public long sendOnce(SlotName slot, long atEpoch, Consumer<Command.Builder> kind) {
        long id = commandId.incrementAndGet();
        Command.Builder builder = Command.newBuilder().setSlot(slot.toProto()).setCommandId(id);
        kind.accept(builder);
        channel.send(ControlEnvelope.newBuilder()
                        .setPair(pair.toProto())
                        .setEpoch(atEpoch)
                        .setSentAtMs(System.currentTimeMillis())
                        .setSender("test-controller")
                        .setCommand(builder)
                        .build())
                .join();
        return id;
    }

    public long epoch() {
        return epoch.get();
    }

    /** The answer of {@code worker} to command {@code id}, or null. */
    public WorkerStatus answer(String worker, long id) {
        return answers.getOrDefault(worker, Map.of()).get(id);
    }

    /** Waits until the latest status of every worker matches. */
    public void awaitStatus(Set<String> workers, Predicate<WorkerStatus> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!workers.stream().allMatch(w -> latest.containsKey(w) && condition.test(latest.get(w)))) {
            if (System.nanoTime() > deadline) {
                throw new ConditionTimeoutException(what + " not reached within " + timeout + "; statuses: "
                        + workers.stream()
                                .map(w -> w + "=" + (latest.containsKey(w) ? brief(latest.get(w)) : "none"))
                                .toList());
            }
            pause(10);
        }
    }

    public WorkerStatus latest(String worker) {
        return latest.get(worker);
    }

    public static String brief(WorkerStatus s) {
        return s.getMode() + (s.getReady() ? "/ready" : "") + " assigned=" + s.getAssignedCount() + " active="
                + s.getActivePartitionsCount();
    }

    public static List<Integer> partitionsOf(List<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::getPartition).sorted().toList();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}
