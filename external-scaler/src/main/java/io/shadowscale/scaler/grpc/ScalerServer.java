package io.shadowscale.scaler.grpc;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.services.HealthStatusManager;
import io.shadowscale.scaler.config.ScalerConfig;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KEDA-facing gRPC server: {@code externalscaler.ExternalScaler}, the standard health service
 * ({@code grpc.health.v1.Health}, SERVING while up) and server reflection. Built on a caller's
 * {@link ServerBuilder} (in-process in tests, {@link #netty netty} in production).
 */
public final class ScalerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScalerServer.class);

    private final Server server;
    private final HealthStatusManager health = new HealthStatusManager();
    private final Duration grace;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param builder where to listen (not yet configured with services)
     * @param service the ExternalScaler implementation
     * @param limits request size bounds (the message bound is applied to the builder)
     * @param grace how long {@link #close()} waits for calls to finish, then again after cancelling them
     */
    public ScalerServer(ServerBuilder<?> builder, ExternalScalerService service, RequestLimits limits, Duration grace) {
        Objects.requireNonNull(service, "service");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.server = builder.maxInboundMessageSize(limits.maxMessageBytes())
                .maxInboundMetadataSize(16 * 1024)
                .addService(ExternalScalerContract.bind(service))
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .build();
    }

    /**
     * A netty server builder on {@code address}: plain, TLS, or mutual TLS when the files name a
     * client CA (client certificates are then required and verified against it).
     */
    public static NettyServerBuilder netty(SocketAddress address, Optional<ScalerConfig.TlsFiles> tls)
            throws IOException {
        ServerCredentials credentials = InsecureServerCredentials.create();
        if (tls.isPresent()) {
            ScalerConfig.TlsFiles files = tls.get();
            TlsServerCredentials.Builder b = TlsServerCredentials.newBuilder()
                    .keyManager(files.certChain().toFile(), files.privateKey().toFile());
            if (files.clientCa().isPresent()) {
                b.trustManager(files.clientCa().get().toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            }
            credentials = b.build();
        }
        return NettyServerBuilder.forAddress(address, credentials);
    }

    public ScalerServer start() throws IOException {
        server.start();
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(ExternalScalerContract.SERVICE_NAME, ServingStatus.SERVING);
        LOG.info("external scaler listening on {}", server.getListenSockets());
        return this;
    }

    /**
     * Sets the health status of the server and of the ExternalScaler service: a scaler replica that
     * is not the leader reports NOT_SERVING, so probes and KEDA go to the leader. No effect after
     * {@link #close()}.
     */
    public void serving(boolean serving) {
        if (closed.get()) {
            return;
        }
        ServingStatus status = serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        health.setStatus("", status);
        health.setStatus(ExternalScalerContract.SERVICE_NAME, status);
    }

    /** The bound port (useful with port 0); -1 for in-process servers. */
    public int port() {
        return server.getPort();
    }

    /** Reports NOT_SERVING, refuses new calls, waits {@code grace} for running ones, then cancels the rest. */
    @Override
    public void close() throws InterruptedException {
        if (!closed.compareAndSet(false, true)) {
            server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        health.enterTerminalState();
        server.shutdown();
        if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            server.shutdownNow();
            if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("gRPC server did not terminate within {} after cancelling calls", grace);
            }
        }
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }
}
