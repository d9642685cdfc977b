package io.shadowscale.scaler.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
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
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A ScaledObject of one namespace can neither read nor drive a pair of another: the pair's identity
 * is (ScaledObject namespace, {@code pair}), nothing in the metadata can name another namespace, and
 * a scaler limited to some namespaces refuses every RPC from the others before anything is registered.
 */
class TenantIsolationTest {
    private static final PairKey SHOP = new PairKey("shop", "orders");
    private static final PairKey BILLING = new PairKey("billing", "orders");

    private final FakeSlotTargets targets = new FakeSlotTargets();
    private ScalerServer server;
    private ManagedChannel channel;
    private ExternalScalerContract.BlockingClient client;

    private void start(Set<String> allowedNamespaces) throws Exception {
        String name = InProcessServerBuilder.generateName();
        ExternalScalerService service = new ExternalScalerService(
                targets,
                new PairClaims(targets, new MutableClock(), PairClaims.DEFAULT_CLAIM_TTL),
                allowedNamespaces,
                RequestLimits.DEFAULT);
        server = new ScalerServer(
                        InProcessServerBuilder.forName(name), service, RequestLimits.DEFAULT, Duration.ofSeconds(1))
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
        client = new ExternalScalerContract.BlockingClient(
                channel, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS));
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    private static ScaledObjectRef ref(String namespace, String name, String pair, String slot, String... kv) {
        return ScaledObjects.ref(
                namespace, name, ScaledObjects.with(Map.of("pair", pair, "slot", slot, "topics", "orders"), kv));
    }

    private double metric(ScaledObjectRef ref, String metricName) {
        return client.getMetrics(GetMetricsRequest.newBuilder()
                        .setScaledObjectRef(ref)
                        .setMetricName(metricName)
                        .build())
                .getMetricValues(0)
                .getMetricValueFloat();
    }

    private static Status status(Runnable call) {
        return catchThrowableOfType(StatusRuntimeException.class, call::run).getStatus();
    }

    @Test
    void theSamePairNameInTwoNamespacesIsTwoPairsWithTheirOwnNumbers() throws Exception {
        start(Set.of());
        ScaledObjectRef shopBlue = ref("shop", "orders-blue", "orders", "blue");
        ScaledObjectRef billingBlue = ref("billing", "orders-blue", "orders", "blue");
        // same ScaledObject name, pair and slot in both namespaces: no claim conflict, two pairs
        client.isActive(shopBlue);
        client.isActive(billingBlue);
        assertThat(targets.registrations).extracting(PairSpec::pair).containsExactlyInAnyOrder(SHOP, BILLING);

        targets.set(SHOP, SlotName.BLUE, SlotTarget.run(5, "shop runs"));
        targets.set(BILLING, SlotName.BLUE, SlotTarget.run(2, "billing runs"));
        targets.set(SHOP, SlotName.GREEN, SlotTarget.run(7, "shop warms"));

        assertThat(metric(shopBlue, "shadowscale-shop-orders-blue")).isEqualTo(5.0);
        assertThat(metric(billingBlue, "shadowscale-billing-orders-blue")).isEqualTo(2.0);
        assertThat(client.isActive(ref("billing", "orders-green", "orders", "green"))
                        .getResult())
                .as("billing's green slot, while shop's green slot is active")
                .isFalse();
        assertThat(client.isActive(ref("shop", "orders-green", "orders", "green"))
                        .getResult())
                .isTrue();
    }

    @Test
    void anotherNamespacesMetricNameNeverReturnsItsNumbers() throws Exception {
        start(Set.of());
        ScaledObjectRef billingBlue = ref("billing", "orders-blue", "orders", "blue");
        client.isActive(ref("shop", "orders-blue", "orders", "blue"));
        client.isActive(billingBlue);
        targets.set(SHOP, SlotName.BLUE, SlotTarget.run(5, "shop runs"));
        targets.set(BILLING, SlotName.BLUE, SlotTarget.run(2, "billing runs"));

        Status asked = status(() -> metric(billingBlue, "shadowscale-shop-orders-blue"));
        assertThat(asked.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(asked.getDescription())
                .isEqualTo("metric 'shadowscale-shop-orders-blue' is not served for "
                        + "ScaledObject billing/orders-blue; its metric is 'shadowscale-billing-orders-blue'");

        // metric names can coincide across namespaces (a-b/c and a/b-c both give shadowscale-a-b-c-blue),
        // but the answer always comes from the caller's own namespace
        client.isActive(ref("a-b", "so", "c", "blue"));
        client.isActive(ref("a", "so", "b-c", "blue"));
        targets.set(new PairKey("a-b", "c"), SlotName.BLUE, SlotTarget.run(3, "a-b/c"));
        targets.set(new PairKey("a", "b-c"), SlotName.BLUE, SlotTarget.run(9, "a/b-c"));
        assertThat(metric(ref("a-b", "so", "c", "blue"), "shadowscale-a-b-c-blue"))
                .isEqualTo(3.0);
        assertThat(metric(ref("a", "so", "b-c", "blue"), "shadowscale-a-b-c-blue"))
                .isEqualTo(9.0);
    }

    @Test
    void aPushToOneNamespacesSlotNeverReachesAnotherNamespacesStream() throws Exception {
        start(Set.of());
        client.isActive(ref("shop", "orders-blue", "orders", "blue"));
        KedaLikeClient.ActivityStream billing = new KedaLikeClient.ActivityStream();
        ExternalScalerContract.streamIsActive(channel, ref("billing", "orders-blue", "orders", "blue"), billing);
        await().atMost(Duration.ofSeconds(5)).until(() -> !billing.pushed.isEmpty());

        targets.set(SHOP, SlotName.BLUE, SlotTarget.run(4, "shop wakes"));
        targets.set(SHOP, SlotName.BLUE, SlotTarget.IDLE);
        targets.set(BILLING, SlotName.BLUE, SlotTarget.run(1, "billing wakes"));
        targets.set(BILLING, SlotName.BLUE, SlotTarget.IDLE);
        // billing's own two changes arrive; shop's two would make it five (pushes are deduplicated per stream)
        await().atMost(Duration.ofSeconds(5)).during(Duration.ofMillis(300)).until(() -> billing.pushed.size() == 3);
        billing.cancel();

        assertThat(billing.pushed).containsExactly(false, true, false);
    }

    @Test
    void metadataCannotNameAnotherNamespace() throws Exception {
        start(Set.of());

        Status namespaceKey =
                status(() -> client.isActive(ref("billing", "so", "orders", "blue", "namespace", "shop")));
        assertThat(namespaceKey.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(namespaceKey.getDescription())
                .startsWith(
                        "invalid metadata of ScaledObject billing/so: " + "unknown key 'namespace'; allowed keys: ");
        Status qualifiedPair = status(() -> client.isActive(ref("billing", "so", "shop/orders", "blue")));
        assertThat(qualifiedPair.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(qualifiedPair.getDescription())
                .isEqualTo("invalid metadata of ScaledObject billing/so: "
                        + "pair='shop/orders': expected a DNS-1123 label (a-z, 0-9, '-', at most 63)");
        assertThat(targets.registrations).isEmpty();
    }

    @Test
    void aScalerLimitedToSomeNamespacesRefusesEveryRpcFromOthersBeforeRegistering() throws Exception {
        start(Set.of("shop"));
        ScaledObjectRef billing = ref("billing", "orders-blue", "orders", "blue");
        String denied = "ScaledObject billing/orders-blue: namespace 'billing' is not served by this scaler "
                + "(allowed: shop)";
        List<Function<ScaledObjectRef, Object>> rpcs = List.of(
                client::isActive,
                client::getMetricSpec,
                r -> client.getMetrics(GetMetricsRequest.newBuilder()
                        .setScaledObjectRef(r)
                        .setMetricName("shadowscale-billing-orders-blue")
                        .build()),
                r -> client.streamIsActive(r).hasNext(),
                r -> client.streamMetricSpec(r).hasNext());
        for (Function<ScaledObjectRef, Object> rpc : rpcs) {
            assertThat(status(() -> rpc.apply(billing)))
                    .extracting(Status::getCode, Status::getDescription)
                    .containsExactly(Status.Code.PERMISSION_DENIED, denied);
        }
        assertThat(targets.registrations).isEmpty();
        assertThat(targets.openWatches()).isZero();

        client.isActive(ref("shop", "orders-blue", "orders", "blue"));
        assertThat(targets.registrations).extracting(PairSpec::pair).containsExactly(SHOP);
    }
}
