package io.shadowscale.worker.sidecar;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.processor.BatchProcessor;
import io.shadowscale.worker.processor.ProcessorContext;
import io.shadowscale.worker.processor.RecordSink;
import io.shadowscale.worker.sidecar.proto.Welcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar mode ({@code SHADOWSCALE_PROCESSOR=grpc}): the records go to an application in
 * another process (any language) over a local gRPC stream, {@code shadowscale_sidecar.proto}. The
 * runtime is the server, on loopback only ({@code SHADOWSCALE_SIDECAR_PORT}); the application
 * connects. Each batch returns only once the application acked it, its outputs sent to the sink,
 * so commits, fences and handoffs only ever pass acked records. While no application is connected
 * the worker is not ready, and processing waits (up to {@code SHADOWSCALE_SIDECAR_RECONNECT_TIMEOUT_MS},
 * then the poll loop stops with the records uncommitted).
 */
public final class SidecarProcessor implements BatchProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(SidecarProcessor.class);

    private final Function<SidecarSettings, ServerBuilder<?>> servers;
    private ApplicationLink link;
    private Server server;

    public SidecarProcessor() {
        this(settings -> NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port())));
    }

    /** @param servers the server to listen on (tests pass an in-process one) */
    public SidecarProcessor(Function<SidecarSettings, ServerBuilder<?>> servers) {
        this.servers = servers;
    }

    @Override
    public void open(ProcessorContext context) {
        SidecarSettings settings = WorkerConfig.sidecarSettings(context.settings());
        Welcome welcome = Welcome.newBuilder()
                .setWorkerId(context.workerId())
                .setPairNamespace(context.pair().namespace())
                .setPairName(context.pair().name())
                .setSlot(context.slot().label())
                .setOutputTopic(context.outputTopic().orElse(""))
                .setMaxUnackedRecords(settings.maxUnackedRecords())
                .build();
        link = new ApplicationLink(settings, welcome);
        try {
            server = servers.apply(settings)
                    .addService(SidecarContract.bind(link::connect))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("sidecar: cannot listen on port " + settings.port(), e);
        }
        LOG.info("{}: waiting for the application on 127.0.0.1:{}", context.workerId(), port());
    }

    /** The port the application connects to (the chosen one with port 0); -1 for a non-socket server. */
    public int port() {
        return server.getListenSockets().stream()
                .filter(InetSocketAddress.class::isInstance)
                .map(a -> ((InetSocketAddress) a).getPort())
                .findFirst()
                .orElse(-1);
    }

    @Override
    public Optional<String> notReadyReason() {
        return link == null ? Optional.of("sidecar not open") : link.notReadyReason();
    }

    /** Application streams opened so far. */
    public long streamsOpened() {
        return link.streamsOpened();
    }

    /** Records sent again because the stream they went to was lost before acking them. */
    public long recordsRedelivered() {
        return link.recordsRedelivered();
    }

    @Override
    public void partitionsStopped(Collection<TopicPartition> partitions) {
        link.stopped(partitions);
    }

    @Override
    public void processBatch(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, RecordSink sink)
            throws Exception {
        if (!records.isEmpty()) {
            link.deliver(partition, records, sink);
        }
    }

    @Override
    public void close() {
        if (link != null) {
            link.close();
        }
        if (server != null) {
            server.shutdown();
            try {
                if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                    server.shutdownNow();
                }
            } catch (InterruptedException e) {
                server.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
