package io.shadowscale.scaler.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.shadowscale.scaler.testing.MutableClock;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.shadowscale.scaler.config.MetadataException;
import io.shadowscale.scaler.config.Problems;
import io.shadowscale.scaler.config.ScaledObjectMetadata;
import io.shadowscale.scaler.config.Setting;
import io.shadowscale.scaler.grpc.externalscaler.GetMetricsRequest;
import io.shadowscale.scaler.grpc.externalscaler.ScaledObjectRef;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random keys and values thrown at the metadata parser and at the RPCs: every answer is a value or
 * a clean status naming what is wrong; no exception escapes, no call hangs, no watch leaks.
 */
class ExternalScalerPropertiesTest {
    private static final Set<String> DECLARED =
            ScaledObjectMetadata.SETTINGS.stream().map(Setting::key).collect(Collectors.toSet());
    private static final Set<Status.Code> CLEAN = Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
            Status.Code.FAILED_PRECONDITION, Status.Code.PERMISSION_DENIED);

    private static FakeSlotTargets targets;
    private static ScalerServer server;
    private static ManagedChannel channel;

    @BeforeContainer
    static void start() throws Exception {
        targets = new FakeSlotTargets();
        String name = InProcessServerBuilder.generateName();
        ExternalScalerService service = new ExternalScalerService(targets,
                new PairClaims(targets, new MutableClock(), PairClaims.DEFAULT_CLAIM_TTL),
                Set.of("shop", "billing"), RequestLimits.DEFAULT);
        server = new ScalerServer(InProcessServerBuilder.forName(name), service, RequestLimits.DEFAULT,
                Duration.ofSeconds(1)).start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterContainer
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Provide
    Arbitrary<String> keys() {
        List<String> known = Stream.concat(Stream.concat(DECLARED.stream(), ScaledObjectMetadata.KEDA_KEYS.stream()),
                DECLARED.stream().map(k -> k + ScaledObjectMetadata.FROM_ENV)).toList();
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.of(known)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMaxLength(40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("FromEnvpairslot").ofMaxLength(12)));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.of("orders", "refunds", "blue", "green", "BLUE", "1", "0", "-1",
                        "3", "12", "0.5", "1e3", "abc", "", " ", "a,b", "a,,b", "Orders", "99999999999", "NaN",
                        "Infinity", "orders,refunds", "orders-blue", "..", "0x10")),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMaxLength(80)));
    }

    @Provide
    Arbitrary<Map<String, String>> metadata() {
        Arbitrary<Map<String, String>> random = Arbitraries.maps(keys(), values()).ofMaxSize(12);
        Arbitrary<Map<String, String>> base = Combinators.combine(
                Arbitraries.of("orders", "refunds", "payments"), Arbitraries.of("blue", "green"),
                Arbitraries.of("orders", "orders,refunds")).as((p, s, t) -> Map.of("pair", p, "slot", s, "topics", t));
        return Combinators.combine(Arbitraries.of(true, false), base, random).as((valid, b, r) -> {
            Map<String, String> m = new HashMap<>(valid ? b : Map.of());
            m.putAll(r);
            return m;
        });
    }

    @Provide
    Arbitrary<String> namespaces() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of("shop", "billing")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("denied", "Shop", "", "a".repeat(64))),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(20)));
    }

    @Provide
    Arbitrary<String> objectNames() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of("orders-blue", "orders-green", "refunds-blue", "so")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(20)));
    }

    @Property(tries = 1000)
    void theParserAcceptsOrNamesTheOffendingKey(@ForAll("metadata") Map<String, String> metadata) {
        try {
            ScaledObjectMetadata parsed = ScaledObjectMetadata.parse("shop", "so", metadata);
            assertThat(parsed.metricName()).startsWith("shadowscale-shop-");
        } catch (MetadataException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(
                    DECLARED.stream().anyMatch(k -> p.startsWith(k + "=") || p.startsWith(k + ":")
                            || p.startsWith(k + " ")) || p.startsWith("unknown key '")).as(p).isTrue());
            for (String key : metadata.keySet()) {
                String base = key.endsWith("FromEnv") ? key.substring(0, key.length() - 7) : key;
                if (!DECLARED.contains(base) && !ScaledObjectMetadata.KEDA_KEYS.contains(key)) {
                    assertThat(e.problems()).contains(e.problems().stream()
                            .filter(p -> p.startsWith("unknown key " + Problems.quote(key) + ";")).findFirst()
                            .orElseThrow(() -> new AssertionError("unknown key not named: " + key)));
                }
            }
        }
    }

    @Property(tries = 300)
    void everyRpcAnswersWithAValueOrACleanStatus(
            @ForAll("namespaces") String namespace, @ForAll("objectNames") String name,
            @ForAll("metadata") Map<String, String> metadata, @ForAll boolean rightMetricName) {
        ScaledObjectRef ref = ScaledObjectRef.newBuilder().setNamespace(namespace).setName(name)
                .putAllScalerMetadata(metadata).build();
        ExternalScalerContract.BlockingClient client = new ExternalScalerContract.BlockingClient(channel,
                CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS));

        expectCleanOutcome(() -> client.getMetricSpec(ref));
        net.jqwik.api.statistics.Statistics.label("IsActive").collect(expectCleanOutcome(() -> client.isActive(ref)));
        String metric = rightMetricName ? "shadowscale-" + namespace + "-" + metadata.get("pair") + "-"
                + metadata.get("slot") : metadata.getOrDefault("pair", "x");
        expectCleanOutcome(() -> client.getMetrics(GetMetricsRequest.newBuilder().setScaledObjectRef(ref)
                .setMetricName(metric).build()));

        KedaLikeClient.ActivityStream stream = new KedaLikeClient.ActivityStream();
        ExternalScalerContract.streamIsActive(channel, ref, stream);
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(5)).until(() -> !stream.pushed.isEmpty() || stream.ended != null);
        if (stream.ended != null) {
            assertThat(CLEAN).as(stream.ended.toString()).contains(stream.ended.getCode());
            assertThat(stream.ended.getDescription()).isNotBlank();
        } else {
            stream.cancel();
        }
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(5)).until(() -> targets.openWatches() == 0);
    }

    /** Runs the call; returns OK or the clean status it failed with (anything else fails the property). */
    private static Status.Code expectCleanOutcome(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            assertThat(CLEAN).as(e.getStatus().toString()).contains(e.getStatus().getCode());
            assertThat(e.getStatus().getDescription()).isNotBlank();
            return e.getStatus().getCode();
        }
    }
}
