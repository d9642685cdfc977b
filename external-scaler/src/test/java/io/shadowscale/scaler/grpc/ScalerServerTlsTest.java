package io.shadowscale.scaler.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.shadowscale.scaler.config.ScalerConfig;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import io.shadowscale.scaler.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mutual TLS with certificates made here: a CA, a server cert for 127.0.0.1, client certs. */
class ScalerServerTlsTest {
    @TempDir
    static Path dir;

    static TestPki pki;
    static TestPki otherPki;
    static TestPki.Issued serverCert;
    static TestPki.Issued kedaCert;
    static TestPki.Issued strangerCert;

    private final FakeSlotTargets targets = new FakeSlotTargets();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private ScalerServer server;

    private static final ScaledObjectRef REF = ScaledObjects.ref(
            "shop",
            "orders-blue",
            ScaledObjects.orders(
                    "blue",
                    "caCert",
                    "/certs/ca.crt",
                    "tlsClientCert",
                    "/certs/tls.crt",
                    "tlsClientKey",
                    "/certs/tls.key"));

    @BeforeAll
    static void certificates() throws Exception {
        pki = new TestPki(dir, "shadowscale-ca");
        otherPki = new TestPki(dir, "other-ca");
        serverCert = pki.server("scaler");
        kedaCert = pki.client("keda-operator");
        strangerCert = otherPki.client("stranger");
    }

    private void start(boolean mutual) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "SHADOWSCALE_BOOTSTRAP_SERVERS",
                "localhost:9092",
                "SHADOWSCALE_TLS_CERT",
                serverCert.cert().toString(),
                "SHADOWSCALE_TLS_KEY",
                serverCert.key().toString(),
                "SHADOWSCALE_ENVIRONMENT",
                "tls-test"));
        if (mutual) {
            env.put("SHADOWSCALE_TLS_CA", pki.ca().cert().toString());
        }
        ScalerConfig config = ScalerConfig.parse(env, List.of());
        ExternalScalerService service = new ExternalScalerService(
                targets,
                new PairClaims(targets, new MutableClock(), PairClaims.DEFAULT_CLAIM_TTL),
                Set.of(),
                RequestLimits.DEFAULT);
        server = new ScalerServer(
                        ScalerServer.netty(new InetSocketAddress("127.0.0.1", 0), config.tls()),
                        service,
                        RequestLimits.DEFAULT,
                        Duration.ofSeconds(1))
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        for (ManagedChannel c : channels) {
            c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        server.close();
    }

    private String call(ChannelCredentials credentials) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port(), credentials)
                .build();
        channels.add(channel);
        return new ExternalScalerContract.BlockingClient(
                        channel, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS))
                .getMetricSpec(REF)
                .getMetricSpecs(0)
                .getMetricName();
    }

    private Status refused(ChannelCredentials credentials) {
        return catchThrowableOfType(StatusRuntimeException.class, () -> call(credentials))
                .getStatus();
    }

    private static ChannelCredentials trusting(TestPki.Issued ca, TestPki.Issued clientCert) throws Exception {
        TlsChannelCredentials.Builder b =
                TlsChannelCredentials.newBuilder().trustManager(ca.cert().toFile());
        if (clientCert != null) {
            b.keyManager(clientCert.cert().toFile(), clientCert.key().toFile());
        }
        return b.build();
    }

    @Test
    void tlsServesAClientThatTrustsItsCa() throws Exception {
        start(false);

        assertThat(call(trusting(pki.ca(), null))).isEqualTo("shadowscale-shop-orders-blue");
    }

    @Test
    void tlsIsRefusedByAClientThatDoesNotTrustTheServersCa() throws Exception {
        start(false);

        assertThat(refused(trusting(otherPki.ca(), null)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(refused(InsecureChannelCredentials.create()).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void mutualTlsServesAClientWithACertificateFromTheCa() throws Exception {
        start(true);

        assertThat(call(trusting(pki.ca(), kedaCert))).isEqualTo("shadowscale-shop-orders-blue");
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() throws Exception {
        start(true);

        assertThat(refused(trusting(pki.ca(), null)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(targets.registrations).isEmpty();
    }

    @Test
    void mutualTlsRefusesAClientWithACertificateFromAnotherCa() throws Exception {
        start(true);

        assertThat(refused(trusting(pki.ca(), strangerCert)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(targets.registrations).isEmpty();
    }
}
