package io.shadowscale.worker.sidecar;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.shadowscale.worker.processor.RecordSink;
import io.shadowscale.worker.sidecar.proto.AppMessage;
import io.shadowscale.worker.sidecar.proto.RuntimeMessage;
import io.shadowscale.worker.sidecar.proto.Welcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's end of the application stream: which stream is current, and the delivery of one
 * partition's records to it, acks awaited. {@link #deliver} runs on the poll thread and returns
 * only once the application acked every record, its outputs handed to the sink in ack order; so
 * the worker commits, fences and hands a partition over only past acked records. A lost stream
 * (disconnect, no ack within the ack timeout, a protocol error) is cut, and the unacked records go
 * to the next stream, after a new PartitionStarted: at least once across an application restart.
 */
final class ApplicationLink {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationLink.class);

    /** Thrown by {@link #deliver} when no application stream came within the reconnect timeout. */
    static final class ApplicationUnavailableException extends Exception {
        ApplicationUnavailableException(String message) {
            super(message);
        }
    }

    private final SidecarSettings settings;
    private final Welcome welcome;
    private final String defaultOutputTopic;
    private final AtomicLong streams = new AtomicLong();
    private final AtomicLong redelivered = new AtomicLong();
    private final Object lock = new Object();
    private AppStream current;
    private String lastLoss = "application not connected yet";
    private boolean closed;

    ApplicationLink(SidecarSettings settings, Welcome welcome) {
        this.settings = settings;
        this.welcome = welcome;
        this.defaultOutputTopic = welcome.getOutputTopic();
    }

    /** A new application stream: it replaces the current one, which is cut. */
    StreamObserver<AppMessage> connect(StreamObserver<RuntimeMessage> toApplication) {
        AppStream stream = new AppStream(streams.incrementAndGet(), toApplication);
        AppStream replaced;
        synchronized (lock) {
            if (closed) {
                toApplication.onError(
                        Status.UNAVAILABLE.withDescription("worker stopping").asRuntimeException());
                return stream.inbound();
            }
            replaced = current;
            current = stream;
            stream.send(RuntimeMessage.newBuilder().setWelcome(welcome).build());
            lock.notifyAll();
        }
        if (replaced != null) {
            replaced.cut(Status.ABORTED.withDescription("replaced by a newer stream"));
        }
        LOG.info("application stream {} connected", stream.id());
        return stream.inbound();
    }

    /** Why the worker is not ready, or empty while an application stream is connected. */
    Optional<String> notReadyReason() {
        synchronized (lock) {
            AppStream s = current;
            if (s != null && !s.lost()) {
                return Optional.empty();
            }
            return Optional.of(s == null ? lastLoss : s.lossReason());
        }
    }

    /** Application streams opened so far. */
    long streamsOpened() {
        return streams.get();
    }

    /** Records sent again to a newer stream because the one they went to was lost unacked. */
    long recordsRedelivered() {
        return redelivered.get();
    }

    /**
     * Hands one partition's records (offset order) to the application and waits until all are
     * acked, their outputs sent to {@code sink}. Waits for a stream (reconnect timeout) when none is
     * connected; a stream lost on the way gets the unacked rest sent again on the next one.
     */
    void deliver(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records, RecordSink sink)
            throws ApplicationUnavailableException, InterruptedException {
        int acked = 0;
        while (acked < records.size()) {
            AppStream stream = awaitStream();
            int before = acked;
            acked = stream.deliver(tp, records, acked, sink, settings, defaultOutputTopic);
            if (acked < records.size()) {
                redelivered.addAndGet(records.size() - acked);
                LOG.warn(
                        "application stream {} lost with {} of {} records of {} unacked ({}); they go to the next "
                                + "stream",
                        stream.id(),
                        records.size() - acked,
                        records.size() - before,
                        tp,
                        stream.lossReason());
                forget(stream);
            }
        }
    }

    /** Tells the application these partitions stopped (only those it was told started). */
    void stopped(Iterable<TopicPartition> partitions) {
        AppStream stream;
        synchronized (lock) {
            stream = current;
        }
        if (stream != null) {
            partitions.forEach(stream::stop);
        }
    }

    /** Cuts the stream and refuses new ones; a {@link #deliver} waiting gives up. */
    void close() {
        AppStream stream;
        synchronized (lock) {
            closed = true;
            stream = current;
            current = null;
            lastLoss = "worker stopping";
            lock.notifyAll();
        }
        if (stream != null) {
            stream.cut(Status.UNAVAILABLE.withDescription("worker stopping"));
        }
    }

    private AppStream awaitStream() throws ApplicationUnavailableException, InterruptedException {
        long deadline = System.nanoTime() + settings.reconnectTimeout().toNanos();
        synchronized (lock) {
            while (true) {
                if (closed) {
                    throw new ApplicationUnavailableException("worker stopping");
                }
                if (current != null && !current.lost()) {
                    return current;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ApplicationUnavailableException("no application stream within "
                            + settings.reconnectTimeout().toMillis() + " ms ("
                            + (current == null ? lastLoss : current.lossReason()) + ")");
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    private void forget(AppStream stream) {
        synchronized (lock) {
            if (current == stream) {
                lastLoss = stream.lossReason();
                current = null;
            }
        }
    }
}
