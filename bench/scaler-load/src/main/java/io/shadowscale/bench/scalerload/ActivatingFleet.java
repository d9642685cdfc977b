package io.shadowscale.bench.scalerload;

import io.shadowscale.control.ControlChannel;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.WorkerMode;
import io.shadowscale.control.proto.WorkerStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The smallest worker stand-in that lets every pair reach STEADY: for each {@code Activate} the
 * controller sends, one worker of that slot ({@code <slot>-1}) answers ACTIVE and ready. Nothing
 * else is answered; the commands seen are counted by kind, so a walk started during the run (it
 * should not: no traffic, minReplicas 1) shows in the report. The load is on the scaler, not on
 * the workers: in STEADY the controller sends nothing and reads Kafka only through its Admin client.
 */
final class ActivatingFleet implements AutoCloseable {
    private final ControlChannel channel;
    private final Map<String, LongAdder> commands = new ConcurrentHashMap<>();

    ActivatingFleet(Map<String, Object> clientProperties, String controlTopic) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put("client.id", "load-fleet");
        this.channel = new ControlChannel(props, controlTopic, null, this::onEnvelope);
    }

    private void onEnvelope(ControlEnvelope e) {
        if (!e.hasCommand()) {
            return;
        }
        Command c = e.getCommand();
        commands.computeIfAbsent(c.getKindCase().name(), k -> new LongAdder()).increment();
        if (c.getKindCase() != Command.KindCase.ACTIVATE) {
            return;
        }
        PairKey pair = PairKey.fromProto(e.getPair());
        String worker = SlotName.fromProto(c.getSlot()).label() + "-1";
        WorkerStatus status = WorkerStatus.newBuilder()
                .setSlot(c.getSlot())
                .setWorkerId(worker)
                .setMode(WorkerMode.ACTIVE)
                .setReady(true)
                .setAnswersCommandId(c.getCommandId())
                .build();
        channel.send(ControlEnvelope.newBuilder()
                .setVersion(1)
                .setPair(pair.toProto())
                .setEpoch(e.getEpoch())
                .setSentAtMs(System.currentTimeMillis())
                .setSender(worker)
                .setStatus(status)
                .build());
    }

    /** Commands seen, by kind. */
    Map<String, Long> commandsSeen() {
        Map<String, Long> seen = new TreeMap<>();
        commands.forEach((k, v) -> seen.put(k, v.sum()));
        return seen;
    }

    @Override
    public void close() {
        channel.close();
    }
}
