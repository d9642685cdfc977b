package io.shadowscale.worker.sidecar;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.shadowscale.worker.processor.RecordSink;
import io.shadowscale.worker.sidecar.proto.Ack;
import io.shadowscale.worker.sidecar.proto.AppMessage;
import io.shadowscale.worker.sidecar.proto.Batch;
import io.shadowscale.worker.sidecar.proto.Header;
import io.shadowscale.worker.sidecar.proto.Output;
import io.shadowscale.worker.sidecar.proto.PartitionRef;
import io.shadowscale.worker.sidecar.proto.PartitionStarted;
import io.shadowscale.worker.sidecar.proto.PartitionStopped;
import io.shadowscale.worker.sidecar.proto.Record;
import io.shadowscale.worker.sidecar.proto.RuntimeMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One application stream. Sends happen on the poll thread (and the welcome on the gRPC thread
 * that opened it), serialized on this object; acks arrive on gRPC threads into a queue the poll
 * thread takes from. Once lost (the application ended it, or the runtime cut it) it stays lost.
 */
final class AppStream {
    /** Queued after the last ack when the stream is lost. */
    private static final Object LOST = new Object();

    private final long id;
    private final StreamObserver<RuntimeMessage> out;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    /** Partitions told started on this stream (poll thread only). */
    private final Set<TopicPartition> announced = new HashSet<>();

    private volatile String lossReason;

    AppStream(long id, StreamObserver<RuntimeMessage> out) {
        this.id = id;
        this.out = out;
    }

    long id() {
        return id;
    }

    boolean lost() {
        return lossReason != null;
    }

    String lossReason() {
        String reason = lossReason;
        return reason == null ? "connected" : reason;
    }

    /** What the application sends. */
    StreamObserver<AppMessage> inbound() {
        return new StreamObserver<>() {
            @Override
            public void onNext(AppMessage message) {
                if (message.hasAck()) {
                    inbox.add(message.getAck());
                }
            }

            @Override
            public void onError(Throwable t) {
                lose("application stream " + id + " failed: " + Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                lose("application stream " + id + " ended by the application");
                synchronized (AppStream.this) {
                    try {
                        out.onCompleted();
                    } catch (RuntimeException e) {
                        // already closed
                    }
                }
            }
        };
    }

    synchronized void send(RuntimeMessage message) {
        if (!lost()) {
            out.onNext(message);
        }
    }

    /** Cuts the stream from the runtime's side, telling the application why. */
    void cut(Status status) {
        if (lose("cut by the runtime: " + status.getDescription())) {
            synchronized (this) {
                try {
                    out.onError(status.asRuntimeException());
                } catch (RuntimeException e) {
                    // the call is already over
                }
            }
        }
    }

    private boolean lose(String reason) {
        synchronized (this) {
            if (lossReason != null) {
                return false;
            }
            lossReason = reason;
        }
        inbox.add(LOST);
        return true;
    }

    void stop(TopicPartition tp) {
        if (announced.remove(tp)) {
            send(RuntimeMessage.newBuilder()
                    .setStopped(PartitionStopped.newBuilder().setPartition(ref(tp)))
                    .build());
        }
    }

    /**
     * Sends {@code records} from index {@code from} on, at most {@code maxUnackedRecords} unacked at
     * a time, and hands each ack's outputs to {@code sink}.
     *
     * @return the index of the first record not acked: {@code records.size()} when all were, less
     *     when the stream was lost on the way (then it is lost)
     */
    int deliver(
            TopicPartition tp,
            List<ConsumerRecord<byte[], byte[]>> records,
            int from,
            RecordSink sink,
            SidecarSettings settings,
            String defaultOutputTopic)
            throws InterruptedException {
        if (announced.add(tp)) {
            send(RuntimeMessage.newBuilder()
                    .setStarted(PartitionStarted.newBuilder()
                            .setPartition(ref(tp))
                            .setOffset(records.get(from).offset()))
                    .build());
        }
        int acked = from;
        int sent = from;
        while (acked < records.size()) {
            int end = Math.min(records.size(), acked + settings.maxUnackedRecords());
            if (sent < end) {
                send(batch(tp, records.subList(sent, end)));
                sent = end;
            }
            Object next = inbox.poll(settings.ackTimeout().toNanos(), TimeUnit.NANOSECONDS);
            if (next == null) {
                cut(Status.DEADLINE_EXCEEDED.withDescription(
                        "no ack for " + tp + " offset " + records.get(acked).offset() + " within "
                                + settings.ackTimeout().toMillis() + " ms"));
                return acked;
            }
            if (next == LOST) {
                return acked;
            }
            Ack ack = (Ack) next;
            String problem = check(
                    ack, tp, records.get(acked).offset(), records.get(sent - 1).offset() + 1, defaultOutputTopic);
            if (problem != null) {
                cut(Status.INVALID_ARGUMENT.withDescription(problem));
                return acked;
            }
            for (Output output : ack.getOutputsList()) {
                sink.send(toProducerRecord(output, defaultOutputTopic));
            }
            while (acked < sent && records.get(acked).offset() < ack.getNextOffset()) {
                acked++;
            }
        }
        return acked;
    }

    /** Why an ack is refused, or null. */
    static String check(Ack ack, TopicPartition tp, long firstUnacked, long endOfSent, String defaultOutputTopic) {
        TopicPartition acked = new TopicPartition(
                ack.getPartition().getTopic(), ack.getPartition().getPartition());
        if (!acked.equals(tp)) {
            return "ack for " + acked + " while " + tp + " has records out";
        }
        if (ack.getNextOffset() <= firstUnacked || ack.getNextOffset() > endOfSent) {
            return "ack of " + tp + " up to " + ack.getNextOffset() + ": must be from " + (firstUnacked + 1) + " to "
                    + endOfSent + " (past the last ack, at most one past the last record sent)";
        }
        if (defaultOutputTopic.isEmpty()) {
            for (Output output : ack.getOutputsList()) {
                if (output.getTopic().isEmpty()) {
                    return "output without a topic, and SHADOWSCALE_OUTPUT_TOPIC is not set";
                }
            }
        }
        return null;
    }

    @SuppressWarnings("checkstyle:InlineQualifiedName") // Kafka's Header; the sidecar proto's is imported
    static ProducerRecord<byte[], byte[]> toProducerRecord(Output output, String defaultOutputTopic) {
        List<org.apache.kafka.common.header.Header> headers = output.getHeadersList().stream()
                .<org.apache.kafka.common.header.Header>map(
                        h -> new RecordHeader(h.getKey(), h.getValue().toByteArray()))
                .toList();
        return new ProducerRecord<>(
                output.getTopic().isEmpty() ? defaultOutputTopic : output.getTopic(),
                null,
                output.hasKey() ? output.getKey().toByteArray() : null,
                output.hasValue() ? output.getValue().toByteArray() : null,
                headers);
    }

    @SuppressWarnings("checkstyle:InlineQualifiedName") // Kafka's Header; the sidecar proto's is imported
    static RuntimeMessage batch(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records) {
        Batch.Builder batch = Batch.newBuilder().setPartition(ref(tp));
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Record.Builder record =
                    batch.addRecordsBuilder().setOffset(r.offset()).setTimestampMs(r.timestamp());
            if (r.key() != null) {
                record.setKey(ByteString.copyFrom(r.key()));
            }
            if (r.value() != null) {
                record.setValue(ByteString.copyFrom(r.value()));
            }
            for (org.apache.kafka.common.header.Header h : r.headers()) {
                record.addHeaders(Header.newBuilder()
                        .setKey(h.key())
                        .setValue(h.value() == null ? ByteString.EMPTY : ByteString.copyFrom(h.value())));
            }
        }
        return RuntimeMessage.newBuilder().setBatch(batch).build();
    }

    static PartitionRef ref(TopicPartition tp) {
        return PartitionRef.newBuilder()
                .setTopic(tp.topic())
                .setPartition(tp.partition())
                .build();
    }
}
