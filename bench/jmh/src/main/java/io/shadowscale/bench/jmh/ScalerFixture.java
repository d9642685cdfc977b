package io.shadowscale.bench.jmh;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.grpc.ManagedChannel;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.shadowscale.scaler.grpc.ExternalScalerContract;
import io.shadowscale.scaler.grpc.ExternalScalerService;
import io.shadowscale.scaler.grpc.PairClaims;
import io.shadowscale.scaler.grpc.RequestLimits;
import io.shadowscale.scaler.grpc.ScalerServer;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsRequest;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * One scaler serving {@code pairs} pairs (two ScaledObjects each) over an in-process or loopback
 * netty channel, with each ScaledObject's requests built once, as KEDA keeps them.
 */
final class ScalerFixture implements AutoCloseable {
    final ManagedChannel channel;
    final ExternalScalerContract.BlockingClient client;
    final List<ScaledObjectRef> refs = new ArrayList<>();
    final List<GetMetricsRequest> metricRequests = new ArrayList<>();
    private final ScalerServer server;

    ScalerFixture(String transport, int pairs) throws Exception {
        // logback's default is DEBUG to the console: measure the scaler, not the logging
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        InMemorySlotTargets targets = new InMemorySlotTargets();
        ExternalScalerService service = new ExternalScalerService(
                targets,
                new PairClaims(targets, Clock.systemUTC(), PairClaims.DEFAULT_CLAIM_TTL),
                Set.of(),
                RequestLimits.DEFAULT);
        ServerBuilder<?> builder;
        String name = InProcessServerBuilder.generateName();
        switch (transport) {
            case "inprocess" -> builder = InProcessServerBuilder.forName(name);
            case "netty" -> builder = ScalerServer.netty(new InetSocketAddress("127.0.0.1", 0), Optional.empty());
            default -> throw new IllegalArgumentException("transport " + transport + " is not inprocess or netty");
        }
        server = new ScalerServer(builder, service, RequestLimits.DEFAULT, Duration.ofSeconds(2)).start();
        channel = transport.equals("inprocess")
                ? InProcessChannelBuilder.forName(name).build()
                : NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                        .usePlaintext()
                        .build();
        client = new ExternalScalerContract.BlockingClient(channel);
        for (int p = 0; p < pairs; p++) {
            for (String slot : List.of("blue", "green")) {
                ScaledObjectRef ref = ScaledObjectRef.newBuilder()
                        .setNamespace("tenant-" + (p % 20))
                        .setName("consumer-" + p + "-" + slot)
                        .putScalerMetadata("scalerAddress", "shadowscale-scaler.shadowscale:9090")
                        .putScalerMetadata("pair", "consumer-" + p)
                        .putScalerMetadata("slot", slot)
                        .putScalerMetadata("topics", "events-" + p + ",retries-" + p)
                        .putScalerMetadata("deployment", "consumer-" + p + "-" + slot)
                        .putScalerMetadata("maxReplicas", "24")
                        .putScalerMetadata("headroom", "0.25")
                        .build();
                String metric = client.getMetricSpec(ref).getMetricSpecs(0).getMetricName();
                refs.add(ref);
                metricRequests.add(GetMetricsRequest.newBuilder()
                        .setScaledObjectRef(ref)
                        .setMetricName(metric)
                        .build());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }
}
