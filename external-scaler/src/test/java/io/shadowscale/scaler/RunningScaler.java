package io.shadowscale.scaler;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.shadowscale.scaler.config.ScalerConfig;
import io.shadowscale.scaler.grpc.ExternalScalerContract;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The scaler's process for one test: started on ephemeral loopback ports with the system clock, a
 * plaintext gRPC channel to it as KEDA opens one, both closed after the test. Register it as an
 * instance field with {@code @RegisterExtension}.
 */
final class RunningScaler implements AfterEachCallback {
    private ScalerApp app;
    private ManagedChannel channel;

    /** The settings of a scaler on {@code bootstrap} with its own topics and ephemeral ports, plus {@code more}. */
    static ScalerConfig config(String bootstrap, String controlTopic, String stateTopic, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("SHADOWSCALE_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SHADOWSCALE_CONTROL_TOPIC", controlTopic);
        env.put("SHADOWSCALE_STATE_TOPIC", stateTopic);
        return ScalerConfig.parse(env, List.of("--grpc-port=0", "--admin-port=0"));
    }

    static ScalerConfig config(String bootstrap, String controlTopic, String stateTopic) {
        return config(bootstrap, controlTopic, stateTopic, Map.of());
    }

    /** The ScaledObject of slot {@code slot} of pair {@code namespace/pair}, with deployment {@code <pair>-<slot>}. */
    static ScaledObjectRef scaledObject(String namespace, String pair, String slot, String topics, int minReplicas) {
        return ScaledObjectRef.newBuilder()
                .setNamespace(namespace)
                .setName(pair + "-" + slot)
                .putAllScalerMetadata(Map.of(
                        "scalerAddress",
                        "127.0.0.1:9090",
                        "pair",
                        pair,
                        "slot",
                        slot,
                        "topics",
                        topics,
                        "deployment",
                        pair + "-" + slot,
                        "minReplicas",
                        String.valueOf(minReplicas)))
                .build();
    }

    /** Starts the scaler and opens the channel to its gRPC port. */
    ScalerApp start(ScalerConfig config) throws IOException {
        app = ScalerApp.start(config, Map.of(), Clock.systemUTC());
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", app.grpcPort(), InsecureChannelCredentials.create())
                .build();
        return app;
    }

    ManagedChannel channel() {
        return channel;
    }

    /** A blocking client of the External Scaler service over the channel, as KEDA calls it. */
    ExternalScalerContract.BlockingClient keda() {
        return new ExternalScalerContract.BlockingClient(channel);
    }

    /** Closes the scaler now (a test that times its close); the channel stays open until after the test. */
    void closeApp() {
        ScalerApp closing = app;
        app = null;
        closing.close();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            channel = null;
        }
        if (app != null) {
            closeApp();
        }
    }
}
