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
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.shadowscale.scaler.config.MetadataException;
import io.shadowscale.scaler.config.Problems;
import io.shadowscale.scaler.config.ScaledObjectMetadata;
import io.shadowscale.scaler.config.Setting;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsRequest;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import io.shadowscale.scaler.testing.MutableClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random keys and values thrown at the metadata parser and at the RPCs: every answer is a value or
 * a clean status whose description names what is wrong (the key, the field, the namespace, the
 * pair); no exception escapes, no call outlives its 5 s deadline, no watch leaks. Requests over the
 * 64 KiB limit are refused with RESOURCE_EXHAUSTED over a real loopback netty channel.
 */
class ExternalScalerPropertiesTest {
    private static final Set<String> DECLARED =
            ScaledObjectMetadata.SETTINGS.stream().map(Setting::key).collect(Collectors.toSet());
    private static final Set<Status.Code> CLEAN = Set.of(
            Status.Code.INVALID_ARGUMENT,
            Status.Code.NOT_FOUND,
            Status.Code.FAILED_PRECONDITION,
            Status.Code.PERMISSION_DENIED);

    private static final int LIMIT = RequestLimits.DEFAULT.maxMessageBytes();

    private static FakeSlotTargets targets;
    private static ScalerServer server;
    private static ManagedChannel channel;
    private static ScalerServer nettyServer;
    private static ManagedChannel nettyChannel;

    @BeforeContainer
    static void start() throws Exception {
        targets = new FakeSlotTargets();
        String name = InProcessServerBuilder.generateName();
        ExternalScalerService service = new ExternalScalerService(
                targets,
                new PairClaims(targets, new MutableClock(), PairClaims.DEFAULT_CLAIM_TTL),
                Set.of("shop", "billing"),
                RequestLimits.DEFAULT);
        server = new ScalerServer(
                        InProcessServerBuilder.forName(name), service, RequestLimits.DEFAULT, Duration.ofSeconds(1))
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
        nettyServer = new ScalerServer(
                        ScalerServer.netty(new InetSocketAddress("127.0.0.1", 0), Optional.empty()),
                        service,
                        RequestLimits.DEFAULT,
                        Duration.ofSeconds(1))
                .start();
        nettyChannel = NettyChannelBuilder.forAddress("127.0.0.1", nettyServer.port())
                .usePlaintext()
                .build();
    }

    @AfterContainer
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        nettyChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
        nettyServer.close();
    }

    @Provide
    Arbitrary<String> keys() {
        List<String> known = Stream.concat(
                        Stream.concat(DECLARED.stream(), ScaledObjectMetadata.KEDA_KEYS.stream()),
                        DECLARED.stream().map(k -> k + ScaledObjectMetadata.FROM_ENV))
                .toList();
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(known)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withChars("FromEnvpairslot").ofMaxLength(12)));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        5,
                        Arbitraries.of(
                                "orders",
                                "refunds",
                                "blue",
                                "green",
                                "BLUE",
                                "1",
                                "0",
                                "-1",
                                "3",
                                "12",
                                "0.5",
                                "1e3",
                                "abc",
                                "",
                                " ",
                                "a,b",
                                "a,,b",
                                "Orders",
                                "99999999999",
                                "NaN",
                                "Infinity",
                                "orders,refunds",
                                "orders-blue",
                                "..",
                                "0x10")),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(80)));
    }

    @Provide
    Arbitrary<Map<String, String>> metadata() {
        Arbitrary<Map<String, String>> random =
                Arbitraries.maps(keys(), values()).ofMaxSize(12);
        Arbitrary<Map<String, String>> base = Combinators.combine(
                        Arbitraries.of("orders", "refunds", "payments"),
                        Arbitraries.of("blue", "green"),
                        Arbitraries.of("orders", "orders,refunds"))
                .as((p, s, t) -> Map.of("pair", p, "slot", s, "topics", t));
        return Combinators.combine(Arbitraries.of(true, false), base, random).as((valid, b, r) -> {
            Map<String, String> m = new HashMap<>(valid ? b : Map.of());
            m.putAll(r);
            return m;
        });
    }

    @Provide
    Arbitrary<String> namespaces() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("shop", "billing")),
                Tuple.of(1, Arbitraries.of("denied", "Shop", "", "a".repeat(64))),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(20)));
    }

    @Provide
    Arbitrary<String> objectNames() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("orders-blue", "orders-green", "refunds-blue", "so")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(20)));
    }

    @Property(tries = 1000)
    void theParserAcceptsOrNamesTheOffendingKey(@ForAll("metadata") Map<String, String> metadata) {
        try {
            ScaledObjectMetadata parsed = ScaledObjectMetadata.parse("shop", "so", metadata);
            assertThat(parsed.metricName()).startsWith("shadowscale-shop-");
        } catch (MetadataException e) {
            assertThat(e.problems())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(DECLARED.stream()
                                            .anyMatch(k -> p.startsWith(k + "=")
                                                    || p.startsWith(k + ":")
                                                    || p.startsWith(k + " "))
                                    || p.startsWith("unknown key '"))
                            .as(p)
                            .isTrue());
            for (String key : metadata.keySet()) {
                String base = key.endsWith("FromEnv") ? key.substring(0, key.length() - 7) : key;
                if (!DECLARED.contains(base) && !ScaledObjectMetadata.KEDA_KEYS.contains(key)) {
                    assertThat(e.problems())
                            .contains(e.problems().stream()
                                    .filter(p -> p.startsWith("unknown key " + Problems.quote(key) + ";"))
                                    .findFirst()
                                    .orElseThrow(() -> new AssertionError("unknown key not named: " + key)));
                }
            }
        }
    }

    @Property(tries = 300)
    void everyRpcAnswersWithAValueOrACleanStatus(
            @ForAll("namespaces") String namespace,
            @ForAll("objectNames") String name,
            @ForAll("metadata") Map<String, String> metadata,
            @ForAll boolean rightMetricName) {
        ScaledObjectRef ref = ScaledObjectRef.newBuilder()
                .setNamespace(namespace)
                .setName(name)
                .putAllScalerMetadata(metadata)
                .build();
        ExternalScalerContract.BlockingClient client = new ExternalScalerContract.BlockingClient(
                channel, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS));

        expectCleanOutcome(ref, () -> client.getMetricSpec(ref));
        Statistics.label("IsActive").collect(expectCleanOutcome(ref, () -> client.isActive(ref)));
        String metric = rightMetricName
                ? "shadowscale-" + namespace + "-" + metadata.get("pair") + "-" + metadata.get("slot")
                : metadata.getOrDefault("pair", "x");
        expectCleanOutcome(
                ref,
                () -> client.getMetrics(GetMetricsRequest.newBuilder()
                        .setScaledObjectRef(ref)
                        .setMetricName(metric)
                        .build()));

        KedaLikeClient.ActivityStream stream = new KedaLikeClient.ActivityStream();
        ExternalScalerContract.streamIsActive(channel, ref, stream);
        await().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !stream.pushed.isEmpty() || stream.ended != null);
        if (stream.ended != null) {
            assertNamesTheCause(stream.ended, ref);
        } else {
            stream.cancel();
        }
        await().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> targets.openWatches() == 0);
    }

    /** Runs the call; returns OK or the clean status it failed with (anything else fails the property). */
    private static Status.Code expectCleanOutcome(ScaledObjectRef ref, Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            assertNamesTheCause(e.getStatus(), ref);
            return e.getStatus().getCode();
        }
    }

    /**
     * The status is one of the clean ones and its description names what is wrong: the request field
     * or every unknown metadata key (INVALID_ARGUMENT), the namespace (PERMISSION_DENIED), the pair
     * (FAILED_PRECONDITION), the pair or the metric (NOT_FOUND).
     */
    private static void assertNamesTheCause(Status status, ScaledObjectRef ref) {
        assertThat(CLEAN).as(status.toString()).contains(status.getCode());
        String description = status.getDescription();
        assertThat(description).as(status.toString()).isNotBlank();
        Map<String, String> metadata = ref.getScalerMetadataMap();
        String pairName = metadata.containsKey("pair") ? metadata.get("pair") : metadata.get("pairFromEnv");
        String pair = ref.getNamespace() + "/" + (pairName == null ? null : pairName.trim());
        switch (status.getCode()) {
            case INVALID_ARGUMENT -> {
                if (description.startsWith("ScaledObjectRef.")) {
                    assertThat(description).as(description).matches("(?s)ScaledObjectRef\\.(name|namespace) '.*");
                    return;
                }
                if (description.startsWith("ScaledObject ")) {
                    assertThat(description).as(description).containsPattern("metadata (entries|key '.*')");
                    return;
                }
                assertThat(description).as(description).startsWith("invalid metadata of ScaledObject ");
                for (String key : metadata.keySet()) {
                    String base = key.endsWith(ScaledObjectMetadata.FROM_ENV)
                            ? key.substring(0, key.length() - ScaledObjectMetadata.FROM_ENV.length())
                            : key;
                    if (!DECLARED.contains(base) && !ScaledObjectMetadata.KEDA_KEYS.contains(key)) {
                        assertThat(description)
                                .as("names unknown key " + key)
                                .contains("unknown key " + Problems.quote(key) + ";");
                    }
                }
                if (!metadata.containsKey("pair") && !metadata.containsKey("pairFromEnv")) {
                    assertThat(description).contains("pair: missing");
                }
            }
            case PERMISSION_DENIED -> assertThat(description).contains("namespace '" + ref.getNamespace() + "'");
            case FAILED_PRECONDITION -> assertThat(description).contains("of pair " + pair);
            case NOT_FOUND -> assertThat(description).containsAnyOf("pair " + pair + " ", "metric '");
            default -> throw new AssertionError("unexpected " + status);
        }
    }

    // ---- oversized requests, over a real netty channel ----

    /** One RPC, made once with a 5 s deadline (streams: until the first answer), and the size of its request. */
    private record Rpc(
            String name,
            BiConsumer<ExternalScalerContract.BlockingClient, ScaledObjectRef> call,
            ToIntFunction<ScaledObjectRef> requestBytes) {}

    private static GetMetricsRequest metricsRequest(ScaledObjectRef ref) {
        return GetMetricsRequest.newBuilder()
                .setScaledObjectRef(ref)
                .setMetricName("shadowscale-shop-orders-blue")
                .build();
    }

    private static final List<Rpc> RPCS = List.of(
            new Rpc("IsActive", (c, r) -> c.isActive(r), ScaledObjectRef::getSerializedSize),
            new Rpc("GetMetricSpec", (c, r) -> c.getMetricSpec(r), ScaledObjectRef::getSerializedSize),
            new Rpc(
                    "GetMetrics",
                    (c, r) -> c.getMetrics(metricsRequest(r)),
                    r -> metricsRequest(r).getSerializedSize()),
            new Rpc("StreamIsActive", (c, r) -> c.streamIsActive(r).hasNext(), ScaledObjectRef::getSerializedSize),
            new Rpc("StreamMetricSpec", (c, r) -> c.streamMetricSpec(r).hasNext(), ScaledObjectRef::getSerializedSize));

    private static ExternalScalerContract.BlockingClient nettyClient() {
        return new ExternalScalerContract.BlockingClient(
                nettyChannel, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS));
    }

    /** {@code ref} padded with one more metadata entry so that {@code rpc}'s request is exactly {@code bytes}. */
    private static ScaledObjectRef paddedTo(ScaledObjectRef ref, int bytes, Rpc rpc) {
        int padding = bytes;
        for (int i = 0; i < 8; i++) {
            ScaledObjectRef padded = ref.toBuilder()
                    .putScalerMetadata("padding", "x".repeat(Math.max(0, padding)))
                    .build();
            int size = rpc.requestBytes().applyAsInt(padded);
            if (size == bytes) {
                return padded;
            }
            padding += bytes - size;
        }
        throw new IllegalStateException("cannot pad a " + rpc.name() + " request to " + bytes + " bytes");
    }

    @Property(tries = 40)
    void requestsOverTheLimitAreRefusedWithResourceExhaustedOnEveryRpc(
            @ForAll("metadata") Map<String, String> metadata,
            @ForAll @IntRange(min = 1, max = 3 * 64 * 1024) int excess,
            @ForAll @IntRange(min = 0, max = 4) int rpc) {
        ScaledObjectRef ref = paddedTo(
                ScaledObjectRef.newBuilder()
                        .setNamespace("shop")
                        .setName("orders-blue")
                        .putAllScalerMetadata(metadata)
                        .build(),
                LIMIT + excess,
                RPCS.get(rpc));
        int registered = targets.registrations.size();

        StatusRuntimeException e = catchThrowableOfType(
                StatusRuntimeException.class, () -> RPCS.get(rpc).call().accept(nettyClient(), ref));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(targets.registrations).hasSize(registered);
    }

    @Example
    void aRequestOfExactlyTheLimitIsReadAndAnsweredOneByteMoreIsNot() {
        ScaledObjectRef base = ScaledObjectRef.newBuilder()
                .setNamespace("shop")
                .setName("orders-blue")
                .putAllScalerMetadata(Map.of("pair", "orders", "slot", "blue", "topics", "orders"))
                .build();
        for (Rpc rpc : RPCS) {
            StatusRuntimeException atLimit = catchThrowableOfType(
                    StatusRuntimeException.class, () -> rpc.call().accept(nettyClient(), paddedTo(base, LIMIT, rpc)));
            assertThat(atLimit).as(rpc.name()).isNotNull();
            assertThat(atLimit.getStatus().getCode()).as(rpc.name()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(atLimit.getStatus().getDescription())
                    .as(rpc.name())
                    .startsWith("ScaledObject shop/orders-blue: value of metadata key 'padding' is ");
            StatusRuntimeException over = catchThrowableOfType(
                    StatusRuntimeException.class,
                    () -> rpc.call().accept(nettyClient(), paddedTo(base, LIMIT + 1, rpc)));
            assertThat(over).as(rpc.name()).isNotNull();
            assertThat(over.getStatus().getCode()).as(rpc.name()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        }
    }
}
