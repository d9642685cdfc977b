package io.shadowscale.scaler.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.DescriptorProtos;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.grpc.externalscaler.MetricSpec;
import io.shadowscale.scaler.model.SlotTarget;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The KEDA contract over a real netty channel on loopback, with a client that calls like KEDA. */
class ExternalScalerContractTest {
    private static final PairKey ORDERS = new PairKey("shop", "orders");
    private static final Map<String, String> BLUE = ScaledObjects.orders("blue", "deployment", "orders-blue");
    private static final Map<String, String> GREEN = ScaledObjects.orders("green", "deployment", "orders-green");

    private final FakeSlotTargets targets = new FakeSlotTargets();
    private ScalerServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        ExternalScalerService service = new ExternalScalerService(
                targets,
                new PairClaims(targets, Clock.systemUTC(), PairClaims.DEFAULT_CLAIM_TTL),
                Set.of(),
                RequestLimits.DEFAULT);
        server = new ScalerServer(
                        ScalerServer.netty(new InetSocketAddress("127.0.0.1", 0), Optional.empty()),
                        service,
                        RequestLimits.DEFAULT,
                        Duration.ofSeconds(2))
                .start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void namesOneMetricWithTargetOnePerSlot() {
        KedaLikeClient blue = new KedaLikeClient(channel, "shop", "orders-blue", BLUE);
        KedaLikeClient green = new KedaLikeClient(channel, "shop", "orders-green", GREEN);

        assertThat(blue.metricSpec())
                .isEqualTo(MetricSpec.newBuilder()
                        .setMetricName("shadowscale-shop-orders-blue")
                        .setTargetSize(1)
                        .setTargetSizeFloat(1.0)
                        .build());
        assertThat(green.metricSpec().getMetricName()).isEqualTo("shadowscale-shop-orders-green");
    }

    @Test
    void eachPollReportsTheSlotsWantedReplicasAndActivityAsTheControllerChangesThem() {
        KedaLikeClient blue = new KedaLikeClient(channel, "shop", "orders-blue", BLUE);
        KedaLikeClient green = new KedaLikeClient(channel, "shop", "orders-green", GREEN);
        blue.metricSpec();
        green.metricSpec();

        assertThat(List.of(blue.poll(), green.poll()))
                .containsExactly(new KedaLikeClient.Poll(0, false), new KedaLikeClient.Poll(0, false));

        targets.set(ORDERS, SlotName.BLUE, SlotTarget.run(3, "initial size"));
        assertThat(List.of(blue.poll(), green.poll()))
                .containsExactly(new KedaLikeClient.Poll(3, true), new KedaLikeClient.Poll(0, false));

        // a grow walk: green warms at 5, takes over, blue drains to zero
        targets.set(ORDERS, SlotName.GREEN, SlotTarget.run(5, "warming"));
        assertThat(List.of(blue.poll(), green.poll()))
                .containsExactly(new KedaLikeClient.Poll(3, true), new KedaLikeClient.Poll(5, true));
        targets.set(ORDERS, SlotName.BLUE, SlotTarget.IDLE);
        assertThat(List.of(blue.poll(), green.poll()))
                .containsExactly(new KedaLikeClient.Poll(0, false), new KedaLikeClient.Poll(5, true));

        assertThat(targets.registrations)
                .last()
                .extracting(s -> s.deployments())
                .isEqualTo(Map.of(SlotName.BLUE, "orders-blue", SlotName.GREEN, "orders-green"));
    }

    @Test
    void streamIsActivePushesTheCurrentValueThenEachChangeAndEndsOnCancel() {
        KedaLikeClient green = new KedaLikeClient(channel, "shop", "orders-green", GREEN);
        green.poll();

        KedaLikeClient.ActivityStream stream = green.streamIsActive();
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.pushed.size() == 1);
        assertThat(targets.openWatches()).isEqualTo(1);

        targets.set(ORDERS, SlotName.GREEN, SlotTarget.run(4, "warming"));
        targets.set(ORDERS, SlotName.GREEN, SlotTarget.run(4, "ready"));
        targets.set(ORDERS, SlotName.GREEN, SlotTarget.IDLE);
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.pushed.size() >= 3);
        assertThat(stream.pushed).containsExactly(false, true, false);

        stream.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> targets.openWatches() == 0);
        assertThat(stream.ended.getCode()).isEqualTo(Status.Code.CANCELLED);

        // KEDA reconnects (after its 2 s backoff): the new stream starts from the current value
        targets.set(ORDERS, SlotName.GREEN, SlotTarget.run(2, "scale from zero"));
        KedaLikeClient.ActivityStream again = green.streamIsActive();
        await().atMost(Duration.ofSeconds(5)).until(() -> !again.pushed.isEmpty());
        assertThat(again.pushed).containsExactly(true);
        again.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> targets.openWatches() == 0);
    }

    @Test
    void streamMetricSpecSendsTheSpecAndStaysOpenUntilCancelled() {
        KedaLikeClient blue = new KedaLikeClient(channel, "shop", "orders-blue", BLUE);
        KedaLikeClient.SpecStream stream = blue.streamMetricSpec();

        await().atMost(Duration.ofSeconds(5)).until(() -> stream.pushed.size() == 1);
        assertThat(stream.pushed.get(0).getMetricSpecs(0).getMetricName()).isEqualTo("shadowscale-shop-orders-blue");
        // still open: a poll on the same channel works and the stream has not ended
        blue.poll();
        assertThat(stream.ended).isNull();

        stream.cancel();
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.ended != null);
        assertThat(stream.ended.getCode()).isEqualTo(Status.Code.CANCELLED);
    }

    @Test
    void closingTheServerEndsOpenStreamsAndTheirWatches() throws Exception {
        KedaLikeClient blue = new KedaLikeClient(channel, "shop", "orders-blue", BLUE);
        blue.poll();
        KedaLikeClient.ActivityStream stream = blue.streamIsActive();
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.pushed.size() == 1);

        server.close();

        assertThat(targets.openWatches()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.ended != null);
        assertThat(stream.ended.isOk()).isFalse();
    }

    @Test
    void anUnknownPairGetsNotFound() {
        KedaLikeClient blue = new KedaLikeClient(channel, "shop", "orders-blue", BLUE);
        blue.poll();
        targets.forget(ORDERS);

        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, blue::poll);

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(e.getStatus().getDescription())
                .isEqualTo("pair shop/orders (slot blue) is not known to the pair controller");
        Iterator<?> stream = new ExternalScalerContract.BlockingClient(channel)
                .streamIsActive(ScaledObjects.ref("shop", "orders-blue", BLUE));
        StatusRuntimeException streamed = catchThrowableOfType(StatusRuntimeException.class, stream::hasNext);
        assertThat(streamed.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        await().atMost(Duration.ofSeconds(5)).until(() -> targets.openWatches() == 0);
    }

    @Test
    void refusesRequestsLargerThan64KiB() {
        KedaLikeClient huge = new KedaLikeClient(
                channel,
                "shop",
                "orders-blue",
                Map.of("pair", "orders", "slot", "blue", "topics", "orders", "padding", "x".repeat(70 * 1024)));

        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, huge::metricSpec);

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(targets.registrations).isEmpty();
    }

    @Test
    void servesHealthAndReflection() throws Exception {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(channel)
                .check(HealthCheckRequest.newBuilder()
                        .setService(ExternalScalerContract.SERVICE_NAME)
                        .build());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

        List<String> services = reflect(
                        ServerReflectionRequest.newBuilder().setListServices("").build())
                .getListServicesResponse()
                .getServiceList()
                .stream()
                .map(ServiceResponse::getName)
                .toList();
        assertThat(services).contains("externalscaler.ExternalScaler", "grpc.health.v1.Health");

        // the hand-written binding carries the proto's schema: reflection serves externalscaler.proto
        DescriptorProtos.FileDescriptorProto proto =
                DescriptorProtos.FileDescriptorProto.parseFrom(reflect(ServerReflectionRequest.newBuilder()
                                .setFileContainingSymbol("externalscaler.ExternalScaler.GetMetrics")
                                .build())
                        .getFileDescriptorResponse()
                        .getFileDescriptorProto(0));
        assertThat(proto.getPackage()).isEqualTo("externalscaler");
        assertThat(proto.getService(0).getMethodList())
                .extracting(m -> m.getName())
                .containsExactly("IsActive", "StreamIsActive", "GetMetricSpec", "GetMetrics", "StreamMetricSpec");
    }

    /** One server-reflection call: sends {@code request}, waits up to 5 s for the answer, then half-closes. */
    private ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {}
                });
        requests.onNext(request);
        ServerReflectionResponse response = answer.get(5, TimeUnit.SECONDS);
        requests.onCompleted();
        return response;
    }
}
