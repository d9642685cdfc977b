package io.shadowscale.bench.fault;

import io.shadowscale.control.ControlCodec;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.Fence;
import io.shadowscale.control.proto.PairId;
import io.shadowscale.control.proto.Slot;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The {@code bad-control} scenario's fault: records on the control topic that every reader must
 * ignore, sent by a producer of their own.
 */
final class BadControlRecords implements AutoCloseable {
    private final KafkaProducer<String, byte[]> raw;
    private final String topic;
    private final PairKey pair;
    private final Clock clock;

    BadControlRecords(Map<String, Object> clientProperties, String topic, PairKey pair, Clock clock) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "fault-bad-control");
        this.raw = new KafkaProducer<>(props);
        this.topic = topic;
        this.pair = pair;
        this.clock = clock;
    }

    /**
     * Sends five bad records keyed by the pair (so they land where the pair's workers read) and
     * flushes them: random bytes, a truncated envelope, an envelope without version, one of
     * protocol version 99 (a Fence with a huge epoch, which must not be obeyed), one without a pair
     * id. Returns how many were sent.
     */
    int send() {
        String key = pair.toString();
        ControlEnvelope fence = ControlEnvelope.newBuilder()
                .setPair(PairId.newBuilder().setNamespace(pair.namespace()).setName(pair.name()))
                .setEpoch(1_000_000)
                .setSentAtMs(clock.millis())
                .setSender("fault-bench")
                .setCommand(Command.newBuilder()
                        .setSlot(Slot.BLUE)
                        .setCommandId(1_000_000)
                        .setFence(Fence.getDefaultInstance()))
                .build();
        byte[] valid = ControlCodec.encode(fence);
        List<byte[]> bad = List.of(
                new byte[] {(byte) 0xff, (byte) 0xfe, 0x01, 0x02, 0x03, (byte) 0x80},
                Arrays.copyOf(valid, valid.length / 2),
                fence.toBuilder().setVersion(0).build().toByteArray(),
                fence.toBuilder().setVersion(99).build().toByteArray(),
                fence.toBuilder()
                        .setVersion(ControlCodec.PROTOCOL_VERSION)
                        .clearPair()
                        .build()
                        .toByteArray());
        for (byte[] value : bad) {
            raw.send(new ProducerRecord<>(topic, key, value));
        }
        raw.flush();
        return bad.size();
    }

    @Override
    public void close() {
        raw.close();
    }
}
