package io.shadowscale.scaler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.PolicySettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScaledObjectMetadataTest {
    private static final PairKey ORDERS = new PairKey("shop", "orders");
    private static final String DNS = "expected a DNS-1123 label (a-z, 0-9, '-', at most 63)";
    private static final String ALLOWED_KEYS = "pair, slot, topics, deployment, workerCapacity, minReplicas, "
            + "maxReplicas, headroom, lagTargetSeconds, scaleUpDelaySeconds, scaleDownDelaySeconds, "
            + "warmupTimeoutSeconds, fenceTimeoutSeconds, forecast, forecastLeadSeconds, walkWarmupSeconds (each also "
            + "as"
            + " <key>FromEnv), and KEDA's caCert, enableTLS, "
            + "scalerAddress, tlsCertFile, tlsClientCert, tlsClientKey, unsafeSsl";

    private static Map<String, String> base(String... more) {
        Map<String, String> m = new HashMap<>(Map.of(
                "scalerAddress", "shadowscale.shadowscale:9090", "pair", "orders", "slot", "blue", "topics", "orders"));
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                m.remove(more[i]);
            } else {
                m.put(more[i], more[i + 1]);
            }
        }
        return m;
    }

    static Stream<Arguments> badMetadata() {
        return Stream.of(
                Arguments.of(
                        Map.of(),
                        List.of(
                                "pair: missing; required, a DNS-1123 label (a-z, 0-9, '-', at most 63)",
                                "slot: missing; required, one of: blue, green",
                                "topics: missing; required, a comma-separated list of distinct Kafka topic names")),
                Arguments.of(base("pair", "a".repeat(64)), List.of("pair='" + "a".repeat(64) + "': " + DNS)),
                Arguments.of(
                        base("minReplicas", "5", "maxReplicas", "3"),
                        List.of("maxReplicas=3 is below minReplicas=5: expected 0 (the partition count) or at least "
                                + "minReplicas")),
                Arguments.of(
                        base("forecast", "yes", "forecastLeadSeconds", "3601", "walkWarmupSeconds", "-1"),
                        List.of(
                                "forecast='yes': expected true or false",
                                "forecastLeadSeconds='3601': expected an integer in [0, 3600]",
                                "walkWarmupSeconds='-1': expected an integer in [0, 3600]")),
                Arguments.of(
                        base("minReplica", "2"), List.of("unknown key 'minReplica'; allowed keys: " + ALLOWED_KEYS)),
                Arguments.of(
                        base("pair", null, "slot", "red", "minReplicas", "x", "typo", "1"),
                        List.of(
                                "unknown key 'typo'; allowed keys: " + ALLOWED_KEYS,
                                "pair: missing; required, a DNS-1123 label (a-z, 0-9, '-', at most 63)",
                                "slot='red': expected one of: blue, green",
                                "minReplicas='x': expected an integer in [1, 10000]")));
    }

    @ParameterizedTest
    @MethodSource("badMetadata")
    void refusesBadMetadataNamingEveryProblem(Map<String, String> metadata, List<String> problems) {
        MetadataException e = catchThrowableOfType(
                MetadataException.class, () -> ScaledObjectMetadata.parse("shop", "orders-blue", metadata));
        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactlyElementsOf(problems);
        assertThat(e).hasMessage("invalid metadata of ScaledObject shop/orders-blue: " + String.join("; ", problems));
    }

    /** One bad value each, over the valid {@link #base}: the key, the value, the one problem reported. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            pair                  | Orders      | pair='Orders': expected a DNS-1123 label (a-z, 0-9, '-', at most 63)
            slot                  | purple      | slot='purple': expected one of: blue, green
            topics                | a,,b        | topics='a,,b': expected a comma-separated list of distinct Kafka topic names
            topics                | a,a         | topics='a,a': expected a comma-separated list of distinct Kafka topic names
            topics                | orders/eu   | topics='orders/eu': expected a comma-separated list of distinct Kafka topic names
            deployment            | Orders_Blue | deployment='Orders_Blue': expected a DNS-1123 subdomain
            workerCapacity        | NaN         | workerCapacity='NaN': expected a decimal in [0, 1000000000]
            workerCapacity        | -1          | workerCapacity='-1': expected a decimal in [0, 1000000000]
            minReplicas           | 0           | minReplicas='0': expected an integer in [1, 10000]
            minReplicas           | 2.5         | minReplicas='2.5': expected an integer in [1, 10000]
            maxReplicas           | 99999999999 | maxReplicas='99999999999': expected an integer in [0, 10000]
            headroom              | 11          | headroom='11': expected a decimal in [0, 10]
            lagTargetSeconds      | 0           | lagTargetSeconds='0': expected an integer in [1, 86400]
            scaleUpDelaySeconds   | -1          | scaleUpDelaySeconds='-1': expected an integer in [0, 86400]
            scaleDownDelaySeconds | 5m          | scaleDownDelaySeconds='5m': expected an integer in [0, 86400]
            warmupTimeoutSeconds  | 0           | warmupTimeoutSeconds='0': expected an integer in [1, 86400]
            fenceTimeoutSeconds   | 3601        | fenceTimeoutSeconds='3601': expected an integer in [1, 3600]
            pairFromEnv           | orders      | pair: given both as pair and pairFromEnv; use one
            """)
    void refusesOneBadValueNamingIt(String key, String value, String problem) {
        refusesBadMetadataNamingEveryProblem(base(key, value), List.of(problem));
    }

    @Test
    void refusesANamespaceThatIsNotADnsLabel() {
        assertThatThrownBy(() -> ScaledObjectMetadata.parse("Shop", "so", base()))
                .isInstanceOf(MetadataException.class)
                .hasMessage("invalid metadata of ScaledObject Shop/so: namespace 'Shop': expected a DNS-1123 label");
    }

    @Test
    void shortensHugeValuesAndEscapesControlCharactersInMessages() {
        String huge = "x".repeat(70) + "\n";
        MetadataException e = catchThrowableOfType(
                MetadataException.class,
                () -> ScaledObjectMetadata.parse("shop", "so", base("slot", huge, "bad\u0001key", "v")));
        assertThat(e.problems())
                .containsExactly(
                        "unknown key 'bad\\u0001key'; allowed keys: " + ALLOWED_KEYS,
                        "slot='" + "x".repeat(64) + "'... (71 chars): expected one of: blue, green");
    }

    static Stream<Arguments> goodMetadata() {
        PolicySettings d = PolicySettings.DEFAULTS;
        return Stream.of(
                Arguments.of(base(), blueOrders(d)),
                Arguments.of(
                        base(
                                "slot",
                                "GREEN",
                                "topics",
                                " refunds , orders ",
                                "deployment",
                                "orders-green",
                                "enableTLS",
                                "true",
                                "unsafeSsl",
                                "false",
                                "caCert",
                                "/x",
                                "tlsCertFile",
                                "/y",
                                "tlsClientCert",
                                "/z",
                                "tlsClientKey",
                                "/k"),
                        new ScaledObjectMetadata(
                                ORDERS, SlotName.GREEN, List.of("orders", "refunds"), Optional.of("orders-green"), d)),
                Arguments.of(
                        base("topics", null, "topicsFromEnv", "orders", "pair", null, "pairFromEnv", "orders"),
                        blueOrders(d)),
                Arguments.of(
                        base(
                                "workerCapacity",
                                "2500.5",
                                "minReplicas",
                                "2",
                                "maxReplicas",
                                "12",
                                "headroom",
                                "0.35",
                                "lagTargetSeconds",
                                "60",
                                "scaleUpDelaySeconds",
                                "0",
                                "scaleDownDelaySeconds",
                                "600",
                                "warmupTimeoutSeconds",
                                "90",
                                "fenceTimeoutSeconds",
                                "5"),
                        blueOrders(new PolicySettings(
                                2500.5,
                                2,
                                12,
                                0.35,
                                Duration.ofSeconds(60),
                                Duration.ZERO,
                                Duration.ofSeconds(600),
                                Duration.ofSeconds(90),
                                Duration.ofSeconds(5)))),
                Arguments.of(
                        base("forecast", "false", "forecastLeadSeconds", "120", "walkWarmupSeconds", "30"),
                        blueOrders(defaultsWith(1, false, Duration.ofSeconds(120), Duration.ofSeconds(30)))),
                Arguments.of(
                        base("minReplicas", "4", "maxReplicas", "0"),
                        blueOrders(defaultsWith(
                                4, true, PolicySettings.DEFAULT_FORECAST_LEAD, PolicySettings.DEFAULT_WALK_WARMUP))));
    }

    /** Slot blue of {@code shop/orders} over topic {@code orders}, no deployment named, with {@code settings}. */
    private static ScaledObjectMetadata blueOrders(PolicySettings settings) {
        return new ScaledObjectMetadata(ORDERS, SlotName.BLUE, List.of("orders"), Optional.empty(), settings);
    }

    /** The defaults but for the minimum and the forecast's three settings. */
    private static PolicySettings defaultsWith(
            int minReplicas, boolean forecast, Duration forecastLead, Duration walkWarmup) {
        PolicySettings d = PolicySettings.DEFAULTS;
        return new PolicySettings(
                0,
                minReplicas,
                0,
                0.2,
                d.lagTarget(),
                d.scaleUpDelay(),
                d.scaleDownDelay(),
                d.warmupTimeout(),
                d.fenceTimeout(),
                forecast,
                forecastLead,
                walkWarmup);
    }

    @ParameterizedTest
    @MethodSource("goodMetadata")
    void parsesGoodMetadataAndIgnoresKedasOwnKeys(Map<String, String> metadata, ScaledObjectMetadata expected) {
        assertThat(ScaledObjectMetadata.parse("shop", "so", metadata)).isEqualTo(expected);
    }

    @Test
    void namesOneStableMetricPerSlot() {
        assertThat(ScaledObjectMetadata.parse("shop", "so", base("slot", "green"))
                        .metricName())
                .isEqualTo("shadowscale-shop-orders-green");
    }

    @Test
    void listsTheKeysOnWhichTwoSlotsDisagree() {
        ScaledObjectMetadata blue = ScaledObjectMetadata.parse("shop", "a", base("deployment", "a"));
        ScaledObjectMetadata green = ScaledObjectMetadata.parse(
                "shop",
                "b",
                base(
                        "slot",
                        "green",
                        "deployment",
                        "b",
                        "topics",
                        "orders,refunds",
                        "maxReplicas",
                        "8",
                        "fenceTimeoutSeconds",
                        "3"));
        assertThat(blue.differingKeys(green)).containsExactly("topics", "maxReplicas", "fenceTimeoutSeconds");
        assertThat(blue.differingKeys(ScaledObjectMetadata.parse("shop", "b", base("slot", "green"))))
                .isEmpty();
    }
}
