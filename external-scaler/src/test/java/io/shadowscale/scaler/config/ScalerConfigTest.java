package io.shadowscale.scaler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScalerConfigTest {
    private static final String BOOTSTRAP = "SHADOWSCALE_BOOTSTRAP_SERVERS";
    private static final String ALLOWED = String.join(
            ", ",
            "SHADOWSCALE_BOOTSTRAP_SERVERS",
            "SHADOWSCALE_GRPC_PORT",
            "SHADOWSCALE_ADMIN_PORT",
            "SHADOWSCALE_ENVIRONMENT",
            "SHADOWSCALE_CONTROL_TOPIC",
            "SHADOWSCALE_STATE_TOPIC",
            "SHADOWSCALE_ALLOWED_NAMESPACES",
            "SHADOWSCALE_TLS_CERT",
            "SHADOWSCALE_TLS_KEY",
            "SHADOWSCALE_TLS_CA",
            "SHADOWSCALE_LEADER_ELECTION",
            "SHADOWSCALE_LEASE_NAME",
            "SHADOWSCALE_LEASE_DURATION_SECONDS",
            "SHADOWSCALE_LEASE_RENEW_DEADLINE_SECONDS",
            "SHADOWSCALE_LEASE_RETRY_PERIOD_SECONDS",
            "SHADOWSCALE_POD_NAMESPACE",
            "SHADOWSCALE_POD_NAME",
            "SHADOWSCALE_OPERATOR_PORT",
            "SHADOWSCALE_OPERATOR_TOKENS_FILE",
            "SHADOWSCALE_OPERATOR_TOKENS",
            "SHADOWSCALE_KAFKA_<PROPERTY>");

    @TempDir
    static Path dir;

    static Path pem;

    @BeforeAll
    static void files() throws IOException {
        pem = Files.writeString(dir.resolve("a.pem"), "not parsed here");
    }

    private static Map<String, String> env(String... kv) {
        Map<String, String> m =
                new HashMap<>(Map.of(BOOTSTRAP, "localhost:9092", "HOME", "/root", "SHADOWSCALE_ENVIRONMENT", "prod"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsEverythingButTheBootstrapServersAndTheEnvironment() {
        ScalerConfig c = ScalerConfig.parse(env(), List.of());
        assertThat(c)
                .isEqualTo(new ScalerConfig(
                        "localhost:9092",
                        Map.of(),
                        9090,
                        8081,
                        "shadowscale.prod.control",
                        "shadowscale.prod.state",
                        Set.of(),
                        Optional.empty(),
                        false,
                        "shadowscale-scaler",
                        LeaseTimings.DEFAULT,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
        assertThat(c.namespaceAllowed("anything")).isTrue();
    }

    @Test
    void readsEveryKeyAndLetsFlagsOverrideTheEnvironment() {
        ScalerConfig c = ScalerConfig.parse(
                env(
                        "SHADOWSCALE_GRPC_PORT",
                        "7000",
                        "SHADOWSCALE_ALLOWED_NAMESPACES",
                        "shop, billing",
                        "SHADOWSCALE_TLS_CERT",
                        pem.toString(),
                        "SHADOWSCALE_TLS_KEY",
                        pem.toString(),
                        "SHADOWSCALE_TLS_CA",
                        pem.toString(),
                        "SHADOWSCALE_LEADER_ELECTION",
                        "TRUE",
                        "SHADOWSCALE_POD_NAMESPACE",
                        "shadowscale",
                        "SHADOWSCALE_POD_NAME",
                        "scaler-0",
                        "SHADOWSCALE_LEASE_DURATION_SECONDS",
                        "6",
                        "SHADOWSCALE_LEASE_RENEW_DEADLINE_SECONDS",
                        "4",
                        "SHADOWSCALE_LEASE_RETRY_PERIOD_SECONDS",
                        "1",
                        "SHADOWSCALE_KAFKA_SECURITY_PROTOCOL",
                        "SASL_SSL",
                        "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG",
                        "secret-jaas"),
                List.of(
                        "--grpc-port=7001",
                        "--admin-port=0",
                        "--control-topic=ctl",
                        "--state-topic=st",
                        "--lease-name=my-lease",
                        "--kafka-client-id=scaler"));
        assertThat(c)
                .isEqualTo(new ScalerConfig(
                        "localhost:9092",
                        Map.of(
                                "security.protocol",
                                "SASL_SSL",
                                "sasl.jaas.config",
                                "secret-jaas",
                                "client.id",
                                "scaler"),
                        7001,
                        0,
                        "ctl",
                        "st",
                        Set.of("shop", "billing"),
                        Optional.of(new ScalerConfig.TlsFiles(pem, pem, Optional.of(pem))),
                        true,
                        "my-lease",
                        new LeaseTimings(6, 4, 1),
                        Optional.of("shadowscale"),
                        Optional.of("scaler-0"),
                        Optional.empty()));
        assertThat(c.tls().orElseThrow().mutual()).isTrue();
        assertThat(c.namespaceAllowed("shop")).isTrue();
        assertThat(c.namespaceAllowed("other")).isFalse();
        assertThat(c.kafkaClientProperties())
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("sasl.jaas.config", "secret-jaas");
    }

    @Test
    void eachEnvironmentHasTopicsOfItsOwnAndExplicitTopicsWin() {
        ScalerConfig staging = ScalerConfig.parse(env("SHADOWSCALE_ENVIRONMENT", "staging"), List.of());
        ScalerConfig prod = ScalerConfig.parse(env(), List.of());
        assertThat(List.of(staging.controlTopic(), staging.stateTopic()))
                .containsExactly("shadowscale.staging.control", "shadowscale.staging.state")
                .doesNotContainAnyElementsOf(List.of(prod.controlTopic(), prod.stateTopic()));

        Map<String, String> explicit =
                env("SHADOWSCALE_CONTROL_TOPIC", "acme.control", "SHADOWSCALE_STATE_TOPIC", "acme.state");
        explicit.remove("SHADOWSCALE_ENVIRONMENT");
        assertThat(ScalerConfig.parse(explicit, List.of()))
                .extracting(ScalerConfig::controlTopic, ScalerConfig::stateTopic)
                .containsExactly("acme.control", "acme.state");
        assertThat(ScalerConfig.parse(env("SHADOWSCALE_STATE_TOPIC", "own.state"), List.of()))
                .extracting(ScalerConfig::controlTopic, ScalerConfig::stateTopic)
                .containsExactly("shadowscale.prod.control", "own.state");
    }

    static Stream<Arguments> sensitiveSettings() {
        return Stream.of(
                Arguments.of(
                        "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG",
                        "org.apache.kafka.common.security.scram."
                                + "ScramLoginModule required username=\"svc\" password=\"pw-jaas-1\";"),
                Arguments.of("SHADOWSCALE_KAFKA_SSL_KEY_PASSWORD", "pw-key-2"),
                Arguments.of("SHADOWSCALE_KAFKA_SSL_KEYSTORE_PASSWORD", "pw-keystore-3"),
                Arguments.of("SHADOWSCALE_KAFKA_SSL_TRUSTSTORE_PASSWORD", "pw-trust-4"),
                Arguments.of(
                        "SHADOWSCALE_KAFKA_SSL_KEYSTORE_KEY",
                        "-----BEGIN PRIVATE KEY-----\npem-5\n" + "-----END PRIVATE KEY-----"),
                Arguments.of("SHADOWSCALE_KAFKA_SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET", "oauth-6"),
                Arguments.of("SHADOWSCALE_KAFKA_SASL_OAUTHBEARER_ASSERTION_TOKEN", "token-7"));
    }

    @ParameterizedTest
    @MethodSource("sensitiveSettings")
    void describeMasksSensitiveValuesAndShowsTheirKeys(String key, String secret) {
        ScalerConfig c =
                ScalerConfig.parse(env(key, secret, "SHADOWSCALE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"), List.of());
        assertThat(c.kafkaClientProperties()).containsValue(secret);
        assertThat(c.describe())
                .contains(
                        key + "=******",
                        "SHADOWSCALE_KAFKA_SECURITY_PROTOCOL=SASL_SSL",
                        "SHADOWSCALE_CONTROL_TOPIC=shadowscale.prod.control");
        assertThat(String.join("\n", c.describe()) + c).doesNotContain(secret);
        assertThat(c.secrets().redact("refused: " + secret)).isEqualTo("refused: ******");
    }

    @Test
    void problemsNeverQuoteASecret() {
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> ScalerConfig.parse(
                        env("SHADOWSCALE_TLS_KEY", pem, "SHADOWSCALE_TLS_CERT", pem),
                        List.of("--KAFKA-SASL-JAAS-CONFIG=password=hunter2", "kafka-ssl-key-password=hunter3")));
        assertThat(e.problems())
                .containsExactly(
                        "argument '--KAFKA-SASL-JAAS-CONFIG=******': expected --name=value, e.g. --grpc-port=9090",
                        "argument 'kafka-ssl-key-password=******': expected --name=value, e.g. --grpc-port=9090",
                        "SHADOWSCALE_TLS_CERT=******: expected a readable file",
                        "SHADOWSCALE_TLS_KEY=******: expected a readable file");
        assertThat(e.getMessage()).doesNotContain("hunter2", "hunter3", "MIIE");
    }

    @Test
    void neverPrintsKafkaPropertyValues() {
        ScalerConfig c = ScalerConfig.parse(env("SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG", "password=hunter2"), List.of());
        assertThat(c.toString())
                .contains("SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG=******")
                .doesNotContain("hunter2");
    }

    private static final String NO_ENVIRONMENT = "SHADOWSCALE_ENVIRONMENT: missing; required unless "
            + "SHADOWSCALE_CONTROL_TOPIC and SHADOWSCALE_STATE_TOPIC are both set, a DNS-1123 label "
            + "(topics shadowscale.<environment>.control and .state)";

    /** One bad value each, over the valid {@link #env}: the key, the value, the one problem reported. */
    private static final String ONE_BAD_VALUE = """
            SHADOWSCALE_BOOTSTRAP_SERVERS | localhost | SHADOWSCALE_BOOTSTRAP_SERVERS='localhost': expected a comma-separated list of host:port
            SHADOWSCALE_ENVIRONMENT       | Prod      | SHADOWSCALE_ENVIRONMENT='Prod': expected a DNS-1123 label
            SHADOWSCALE_ADMIN_PORT        | -1        | SHADOWSCALE_ADMIN_PORT='-1': expected an integer in [0, 65535]
            SHADOWSCALE_CONTROL_TOPIC     | a b       | SHADOWSCALE_CONTROL_TOPIC='a b': expected a Kafka topic name
            SHADOWSCALE_STATE_TOPIC       | x,y       | SHADOWSCALE_STATE_TOPIC='x,y': expected a Kafka topic name
            SHADOWSCALE_LEASE_NAME        | Lease!    | SHADOWSCALE_LEASE_NAME='Lease!': expected a DNS-1123 subdomain
            SHADOWSCALE_POD_NAMESPACE     | NS        | SHADOWSCALE_POD_NAMESPACE='NS': expected a DNS-1123 label
            SHADOWSCALE_POD_NAME          | pod_1     | SHADOWSCALE_POD_NAME='pod_1': expected a DNS-1123 subdomain
            SHADOWSCALE_GRPC_PORT         | 70000     | SHADOWSCALE_GRPC_PORT='70000': expected an integer in [0, 65535]
            SHADOWSCALE_LEADER_ELECTION   | yes       | SHADOWSCALE_LEADER_ELECTION='yes': expected true or false
            SHADOWSCALE_OPERATOR_PORT     | x         | SHADOWSCALE_OPERATOR_PORT='x': expected an integer in [-1, 65535]
            SHADOWSCALE_LEASE_RENEW_DEADLINE_SECONDS | ten | SHADOWSCALE_LEASE_RENEW_DEADLINE_SECONDS='ten': expected an integer in [1, 3600]
            SHADOWSCALE_LEASE_RETRY_PERIOD_SECONDS | 0 | SHADOWSCALE_LEASE_RETRY_PERIOD_SECONDS='0': expected an integer in [1, 3600]
            SHADOWSCALE_LEASE_RENEW_DEADLINE_SECONDS | 15 | SHADOWSCALE_LEASE_DURATION_SECONDS=15, SHADOWSCALE_LEASE_RENEW_DEADLINE_SECONDS=15, SHADOWSCALE_LEASE_RETRY_PERIOD_SECONDS=2: expected lease duration > renew deadline > retry period
            """;

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of(
                        Map.of(),
                        List.of(),
                        List.of(
                                "SHADOWSCALE_BOOTSTRAP_SERVERS: missing; required, a comma-separated list of host:port",
                                NO_ENVIRONMENT)),
                Arguments.of(
                        Map.of(BOOTSTRAP, "k:9092", "SHADOWSCALE_CONTROL_TOPIC", "c"),
                        List.of(),
                        List.of(NO_ENVIRONMENT)),
                Arguments.of(
                        env("SHADOWSCALE_TLS_KEY", "/nonexistent/key.pem"),
                        List.of(),
                        List.of(
                                "SHADOWSCALE_TLS_KEY=******: expected a readable file",
                                "SHADOWSCALE_TLS_CERT and SHADOWSCALE_TLS_KEY: expected both or neither")),
                Arguments.of(
                        env(),
                        List.of("--grpc-port=8081"),
                        List.of("SHADOWSCALE_GRPC_PORT and SHADOWSCALE_ADMIN_PORT are both 8081: expected different "
                                + "ports")),
                Arguments.of(
                        env(
                                "SHADOWSCALE_CONTROL_TOPIC",
                                "shadowscale.control",
                                "SHADOWSCALE_STATE_TOPIC",
                                "shadowscale.control"),
                        List.of(),
                        List.of("SHADOWSCALE_CONTROL_TOPIC and SHADOWSCALE_STATE_TOPIC are both 'shadowscale.control': "
                                + "expected different topics")),
                Arguments.of(
                        env("SHADOWSCALE_ALLOWED_NAMESPACES", "shop,Billing"),
                        List.of(),
                        List.of("SHADOWSCALE_ALLOWED_NAMESPACES='shop,Billing': expected a comma-separated list of "
                                + "DNS-1123 labels")),
                Arguments.of(
                        env("SHADOWSCALE_TLS_CERT", "/nonexistent/cert.pem"),
                        List.of(),
                        List.of(
                                "SHADOWSCALE_TLS_CERT='/nonexistent/cert.pem': expected a readable file",
                                "SHADOWSCALE_TLS_CERT and SHADOWSCALE_TLS_KEY: expected both or neither")),
                Arguments.of(
                        env("SHADOWSCALE_TLS_CA", "/nonexistent/ca.pem"),
                        List.of(),
                        List.of(
                                "SHADOWSCALE_TLS_CA='/nonexistent/ca.pem': expected a readable file",
                                "SHADOWSCALE_TLS_CA: mutual TLS needs SHADOWSCALE_TLS_CERT and SHADOWSCALE_TLS_KEY "
                                        + "too")),
                Arguments.of(
                        env("SHADOWSCALE_LEADER_ELECTION", "true"),
                        List.of(),
                        List.of(
                                "SHADOWSCALE_POD_NAMESPACE: missing; required when SHADOWSCALE_LEADER_ELECTION=true, "
                                        + "a DNS-1123 label",
                                "SHADOWSCALE_POD_NAME: missing; required when SHADOWSCALE_LEADER_ELECTION=true, "
                                        + "a DNS-1123 subdomain")),
                Arguments.of(
                        env("SHADOWSCALE_GRCP_PORT", "1"),
                        List.of("grpc-port=1", "--Bad=1"),
                        List.of(
                                "argument 'grpc-port=1': expected --name=value, e.g. --grpc-port=9090",
                                "argument '--Bad=1': expected --name=value, e.g. --grpc-port=9090",
                                "unknown setting 'SHADOWSCALE_GRCP_PORT'; allowed: " + ALLOWED)),
                Arguments.of(
                        env("SHADOWSCALE_OPERATOR_PORT", "8082"),
                        List.of(),
                        List.of("SHADOWSCALE_OPERATOR_PORT=8082 needs exactly one of SHADOWSCALE_OPERATOR_TOKENS_FILE "
                                + "and " + "SHADOWSCALE_OPERATOR_TOKENS, has neither")),
                Arguments.of(
                        env("SHADOWSCALE_OPERATOR_PORT", "8081", "SHADOWSCALE_OPERATOR_TOKENS", "ops:short"),
                        List.of(),
                        List.of(
                                "SHADOWSCALE_OPERATOR_PORT is 8081, the port of SHADOWSCALE_ADMIN_PORT: expected a "
                                        + "port of its own",
                                "SHADOWSCALE_OPERATOR_TOKENS: line 1 is not <caller>:<token> with a DNS-1123 label and "
                                        + "a token " + "of at least 16 characters without blanks")),
                Arguments.of(
                        env("SHADOWSCALE_OPERATOR_TOKENS_FILE", "/nonexistent/tokens"),
                        List.of(),
                        List.of(
                                "SHADOWSCALE_OPERATOR_TOKENS_FILE=******: expected a readable file",
                                "SHADOWSCALE_OPERATOR_TOKENS_FILE / SHADOWSCALE_OPERATOR_TOKENS: set while "
                                        + "SHADOWSCALE_OPERATOR_PORT is off (-1)")),
                Arguments.of(
                        env("SHADOWSCALE_OPERATOR_TOKENS", "ops:0123456789abcdef"),
                        List.of(),
                        List.of("SHADOWSCALE_OPERATOR_TOKENS_FILE / SHADOWSCALE_OPERATOR_TOKENS: set while "
                                + "SHADOWSCALE_OPERATOR_PORT is off (-1)")),
                Arguments.of(
                        env("SHADOWSCALE_KAFKA_BOOTSTRAP_SERVERS", "x:1"),
                        List.of(),
                        List.of("SHADOWSCALE_KAFKA_BOOTSTRAP_SERVERS: use SHADOWSCALE_BOOTSTRAP_SERVERS instead")));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void refusesBadConfigurationNamingEveryProblem(Map<String, String> env, List<String> args, List<String> problems) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ScalerConfig.parse(env, args));
        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactlyElementsOf(problems);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = ONE_BAD_VALUE)
    void refusesOneBadValueNamingIt(String key, String value, String problem) {
        refusesBadConfigurationNamingEveryProblem(env(key, value), List.of(), List.of(problem));
    }

    @Test
    void theTableRefusesABadValueOfEverySetting() {
        List<String> problems = Stream.concat(
                        badConfigs()
                                .flatMap(a -> ((List<?>) a.get()[2]).stream())
                                .map(String::valueOf),
                        ONE_BAD_VALUE.lines().map(row -> row.split("\\|")[2].trim()))
                .toList();
        assertThat(ScalerConfig.SETTINGS)
                .allSatisfy(s -> assertThat(problems)
                        .as("a row refusing " + s.key())
                        .anyMatch(p -> p.startsWith(s.key() + "=") || p.startsWith(s.key() + ":")));
    }

    @Test
    void theOperatorEndpointIsOffByDefaultAndTakesItsCallersFromATokensFile(@TempDir Path dir) throws IOException {
        assertThat(ScalerConfig.parse(env(), List.of()).operator()).isEmpty();
        Path tokens = Files.writeString(
                dir.resolve("tokens"), "# operators\nops-team:0123456789abcdef\n\noncall:fedcba9876543210\n");
        ScalerConfig c = ScalerConfig.parse(
                env("SHADOWSCALE_OPERATOR_PORT", "8082", "SHADOWSCALE_OPERATOR_TOKENS_FILE", tokens.toString()),
                List.of());
        assertThat(c.operator())
                .contains(
                        new OperatorAccess(8082, Map.of("ops-team", "0123456789abcdef", "oncall", "fedcba9876543210")));
        assertThat(c.toString())
                .contains("SHADOWSCALE_OPERATOR_CALLERS=oncall,ops-team")
                .doesNotContain("0123456789abcdef", "fedcba9876543210");
    }

    @Test
    void usageDocumentsEverySetting() {
        String usage = ScalerConfig.usage();
        for (Setting<?> s : ScalerConfig.SETTINGS) {
            assertThat(usage).contains(s.key() + " ").contains(s.doc());
        }
        assertThat(usage).contains("SHADOWSCALE_GRPC_PORT").contains("default '9090'");
    }
}
