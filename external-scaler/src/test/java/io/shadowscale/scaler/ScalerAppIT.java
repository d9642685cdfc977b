package io.shadowscale.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.grpc.ExternalScalerContract;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsRequest;
import io.shadowscale.scaler.grpc.externalscaler.MetricSpec;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The wired scaler process (controller, gRPC, admin) on a real broker, called over loopback like KEDA. */
class ScalerAppIT {
    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();

    @RegisterExtension
    final RunningScaler scaler = new RunningScaler();

    private static ScaledObjectRef ref(String slot) {
        return RunningScaler.scaledObject("shop", "orders", slot, "app-orders", 2);
    }

    private static double metric(ExternalScalerContract.BlockingClient client, String slot) {
        return client.getMetrics(GetMetricsRequest.newBuilder()
                        .setScaledObjectRef(ref(slot))
                        .setMetricName("shadowscale-shop-orders-" + slot)
                        .build())
                .getMetricValues(0)
                .getMetricValueFloat();
    }

    @Test
    void answersKedaFromThePairControllerOverLoopback() throws Exception {
        KAFKA.kafka().createTopic("app-orders", 6);
        ScalerApp app =
                scaler.start(RunningScaler.config(KAFKA.kafka().bootstrapServers(), "app-it.control", "app-it.state"));
        ExternalScalerContract.BlockingClient client = scaler.keda();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(HealthGrpc.newBlockingStub(scaler.channel())
                                .check(HealthCheckRequest.newBuilder()
                                        .setService(ExternalScalerContract.SERVICE_NAME)
                                        .build())
                                .getStatus())
                        .isEqualTo(ServingStatus.SERVING));
        assertThat(client.getMetricSpec(ref("blue")).getMetricSpecsList())
                .containsExactly(MetricSpec.newBuilder()
                        .setMetricName("shadowscale-shop-orders-blue")
                        .setTargetSize(1)
                        .setTargetSizeFloat(1.0)
                        .build());
        client.getMetricSpec(ref("green"));

        // the controller's first tick starts the pair: blue runs minReplicas, green stays at zero
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(metric(client, "blue")).isEqualTo(2.0);
            assertThat(client.isActive(ref("blue")).getResult()).isTrue();
        });
        assertThat(metric(client, "green")).isEqualTo(0.0);
        assertThat(client.isActive(ref("green")).getResult()).isFalse();

        HttpResponse<String> pair = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.adminPort() + "/pairs/shop/orders"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(pair.statusCode()).isEqualTo(200);
        assertThat(pair.body()).contains("\"phase\":\"STARTING\"");

        // the admin port is read-only and the operator port is off unless configured
        assertThat(app.operatorPort()).isEmpty();
        HttpResponse<String> resize = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + app.adminPort() + "/pairs/shop/orders/resize?replicas=3"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(resize.statusCode() + " " + resize.body())
                .isEqualTo("405 {\"accepted\":false,\"message\":"
                        + "\"this port is read-only: resize, pause, resume and rollback are served on the operator "
                        + "port "
                        + "(SHADOWSCALE_OPERATOR_PORT, off unless configured) with a bearer token\"}");
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.adminPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body())
                .contains(
                        "shadowscale_scaler_leader 1.0",
                        "shadowscale_scaler_pair_phase{pair=\"shop/orders\",phase=\"STARTING\"} 1.0");
    }
}
