package io.shadowscale.scaler.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsRequest;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.SlotTargets;
import io.shadowscale.scaler.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every refusal as KEDA sees it: the status code and the exact message. */
class ExternalScalerServiceTest {
    private final FakeSlotTargets targets = new FakeSlotTargets();
    private ScalerServer server;
    private ManagedChannel channel;
    private ExternalScalerContract.BlockingClient client;

    private void start(Set<String> allowedNamespaces, RequestLimits limits) throws Exception {
        String name = InProcessServerBuilder.generateName();
        ExternalScalerService service = new ExternalScalerService(
                targets,
                new PairClaims(targets, new MutableClock(), PairClaims.DEFAULT_CLAIM_TTL),
                allowedNamespaces,
                limits);
        server = new ScalerServer(InProcessServerBuilder.forName(name), service, limits, Duration.ofSeconds(1)).start();
        channel = InProcessChannelBuilder.forName(name).build();
        client = new ExternalScalerContract.BlockingClient(channel);
    }

    /** A scaler serving every namespace with the default limits, once KEDA asked it about shop/orders-blue. */
    private void startWithBlueClaimed() throws Exception {
        start(Set.of(), RequestLimits.DEFAULT);
        client.isActive(ref("shop", "orders-blue"));
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    private static ScaledObjectRef ref(String namespace, String name, String... kv) {
        return ScaledObjects.ref(
                namespace,
                name,
                ScaledObjects.with(
                        Map.of("scalerAddress", "x:1", "pair", "orders", "slot", "blue", "topics", "orders"), kv));
    }

    /** IsActive for {@code ref} fails with status {@code code} and exactly {@code description}. */
    private void assertIsActiveRefused(ScaledObjectRef ref, Status.Code code, String description) {
        assertThat(isActive(ref))
                .extracting(Status::getCode, Status::getDescription)
                .containsExactly(code, description);
    }

    private Status isActive(ScaledObjectRef ref) {
        return catchThrowableOfType(StatusRuntimeException.class, () -> client.isActive(ref))
                .getStatus();
    }

    @Test
    void badMetadataIsInvalidArgumentNamingEveryProblem() throws Exception {
        start(Set.of(), RequestLimits.DEFAULT);

        Status status = isActive(ref("shop", "orders-blue", "slot", "red", "maxReplica", "3"));

        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription())
                .startsWith("invalid metadata of ScaledObject shop/orders-blue: "
                        + "unknown key 'maxReplica'; allowed keys: pair, slot, topics,")
                .endsWith("; slot='red': expected one of: blue, green");
        assertThat(targets.registrations).isEmpty();
    }

    @Test
    void aNamespaceOrNameThatIsNoKubernetesNameIsInvalidArgument() throws Exception {
        start(Set.of(), RequestLimits.DEFAULT);

        assertIsActiveRefused(
                ref("Shop", "so"),
                Status.Code.INVALID_ARGUMENT,
                "ScaledObjectRef.namespace 'Shop': expected a DNS-1123 label");
        assertIsActiveRefused(
                ref("shop", ""),
                Status.Code.INVALID_ARGUMENT,
                "ScaledObjectRef.name '': expected a DNS-1123 subdomain");
    }

    @Test
    void namespacesOutsideTheAllowedSetArePermissionDenied() throws Exception {
        start(Set.of("shop", "billing"), RequestLimits.DEFAULT);
        targets.register(new PairSpec(new PairKey("shop", "orders"), List.of("orders"), PolicySettings.DEFAULTS));

        assertIsActiveRefused(
                ref("other", "orders-blue"),
                Status.Code.PERMISSION_DENIED,
                "ScaledObject other/orders-blue: namespace 'other' is not served by this scaler"
                        + " (allowed: billing, shop)");
        assertThat(client.isActive(ref("shop", "orders-blue")).getResult()).isFalse();
    }

    @Test
    void tooManyOrTooLongMetadataEntriesAreRefusedBeforeParsing() throws Exception {
        start(Set.of(), new RequestLimits(64 * 1024, 6, 16, 32));

        assertThat(isActive(ref("shop", "so", "a", "1", "b", "2", "c", "3")).getDescription())
                .isEqualTo("ScaledObject shop/so: 7 metadata entries; at most 6 allowed");
        assertThat(isActive(ref("shop", "so", "k".repeat(17), "1")).getDescription())
                .isEqualTo("ScaledObject shop/so: metadata key 'kkkkkkkkkkkkkkkkk' is 17 characters long; at most 16 "
                        + "allowed");
        assertThat(isActive(ref("shop", "so", "topics", "t".repeat(33))).getDescription())
                .isEqualTo("ScaledObject shop/so: value of metadata key 'topics' is 33 characters long; at most 32 "
                        + "allowed");
    }

    @Test
    void conflictingScaledObjectsAreFailedPrecondition() throws Exception {
        startWithBlueClaimed();

        assertIsActiveRefused(
                ref("shop", "orders-blue-copy"),
                Status.Code.FAILED_PRECONDITION,
                "ScaledObject shop/orders-blue-copy claims slot blue of pair shop/orders,"
                        + " which ScaledObject shop/orders-blue already claims; give one of them slot green");
        assertIsActiveRefused(
                ref("shop", "orders-green", "slot", "green", "headroom", "0.5"),
                Status.Code.FAILED_PRECONDITION,
                "ScaledObjects shop/orders-green (slot green) and shop/orders-blue (slot blue) of pair shop/orders"
                        + " disagree on headroom; both must carry the same values");
    }

    @Test
    void aMetricNameOfAnotherSlotIsNotFound() throws Exception {
        start(Set.of(), RequestLimits.DEFAULT);

        StatusRuntimeException e = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> client.getMetrics(GetMetricsRequest.newBuilder()
                        .setScaledObjectRef(ref("shop", "orders-blue"))
                        .setMetricName("shadowscale-shop-orders-green")
                        .build()));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(e.getStatus().getDescription())
                .isEqualTo("metric 'shadowscale-shop-orders-green' is not served "
                        + "for ScaledObject shop/orders-blue; its metric is 'shadowscale-shop-orders-blue'");
    }

    @Test
    void aControllerThatCannotAnswerIsUnavailable() throws Exception {
        startWithBlueClaimed();
        targets.set(new PairKey("shop", "orders"), SlotName.BLUE, SlotTarget.run(2, "running"));
        targets.failure = new IllegalStateException("state topic not loaded yet");

        assertIsActiveRefused(
                ref("shop", "orders-blue"),
                Status.Code.UNAVAILABLE,
                "the pair controller cannot answer for pair shop/orders: state topic not loaded yet");
        StatusRuntimeException streamed = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> client.streamIsActive(ref("shop", "orders-blue")).hasNext());
        assertThat(streamed.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);

        targets.failure = null;
        assertThat(client.isActive(ref("shop", "orders-blue")).getResult()).isTrue();
    }

    @Test
    void aChangeArrivingWhileTheStreamOpensIsNotOverwrittenByTheOlderValue() throws Exception {
        // the controller changes the slot (and tells the watcher) between the stream's watch and
        // its read of the current value, which still returns the value from before the change
        SlotTarget before = SlotTarget.IDLE;
        SlotTarget after = SlotTarget.run(2, "scale from zero");
        List<Consumer<SlotTarget>> listeners = new CopyOnWriteArrayList<>();
        SlotTargets racing = new SlotTargets() {
            @Override
            public void register(PairSpec spec) {}

            @Override
            public Optional<SlotTarget> target(PairKey pair, SlotName slot) {
                listeners.forEach(l -> l.accept(after));
                return Optional.of(before);
            }

            @Override
            public AutoCloseable watch(PairKey pair, SlotName slot, Consumer<SlotTarget> listener) {
                listeners.add(listener);
                return () -> listeners.remove(listener);
            }
        };
        String name = InProcessServerBuilder.generateName();
        server = new ScalerServer(
                        InProcessServerBuilder.forName(name),
                        new ExternalScalerService(
                                racing,
                                new PairClaims(racing, new MutableClock(), PairClaims.DEFAULT_CLAIM_TTL),
                                Set.of(),
                                RequestLimits.DEFAULT),
                        RequestLimits.DEFAULT,
                        Duration.ofSeconds(1))
                .start();
        channel = InProcessChannelBuilder.forName(name).build();

        KedaLikeClient.ActivityStream stream = new KedaLikeClient.ActivityStream();
        ExternalScalerContract.streamIsActive(channel, ref("shop", "orders-blue"), stream);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !stream.pushed.isEmpty());
        stream.cancel();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(listeners::isEmpty);

        assertThat(stream.pushed).containsExactly(true);
    }
}
