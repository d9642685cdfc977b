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
import org.junit.jupiter.params.provider.MethodSource;

class ScalerConfigTest {
    private static final String BOOTSTRAP = "SHADOWSCALE_BOOTSTRAP_SERVERS";
    private static final String ALLOWED = "SHADOWSCALE_BOOTSTRAP_SERVERS, SHADOWSCALE_GRPC_PORT, SHADOWSCALE_ADMIN_PORT, "
            + "SHADOWSCALE_CONTROL_TOPIC, SHADOWSCALE_STATE_TOPIC, SHADOWSCALE_ALLOWED_NAMESPACES, SHADOWSCALE_TLS_CERT, "
            + "SHADOWSCALE_TLS_KEY, SHADOWSCALE_TLS_CA, SHADOWSCALE_LEADER_ELECTION, SHADOWSCALE_LEASE_NAME, "
            + "SHADOWSCALE_POD_NAMESPACE, SHADOWSCALE_POD_NAME, SHADOWSCALE_KAFKA_<PROPERTY>";

    @TempDir
    static Path dir;
    static Path pem;

    @BeforeAll
    static void files() throws IOException {
        pem = Files.writeString(dir.resolve("a.pem"), "not parsed here");
    }

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of(BOOTSTRAP, "localhost:9092", "HOME", "/root"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsEverythingButTheBootstrapServers() {
        ScalerConfig c = ScalerConfig.parse(env(), List.of());
        assertThat(c).isEqualTo(new ScalerConfig("localhost:9092", Map.of(), 9090, 8081, "shadowscale.control",
                "shadowscale.state", Set.of(), Optional.empty(), false, "shadowscale-scaler", Optional.empty(),
                Optional.empty()));
        assertThat(c.namespaceAllowed("anything")).isTrue();
    }

    @Test
    void readsEveryKeyAndLetsFlagsOverrideTheEnvironment() {
        ScalerConfig c = ScalerConfig.parse(env("SHADOWSCALE_GRPC_PORT", "7000", "SHADOWSCALE_ALLOWED_NAMESPACES",
                        "shop, billing", "SHADOWSCALE_TLS_CERT", pem.toString(), "SHADOWSCALE_TLS_KEY", pem.toString(),
                        "SHADOWSCALE_TLS_CA", pem.toString(), "SHADOWSCALE_LEADER_ELECTION", "TRUE",
                        "SHADOWSCALE_POD_NAMESPACE", "shadowscale", "SHADOWSCALE_POD_NAME", "scaler-0",
                        "SHADOWSCALE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG", "secret-jaas"),
                List.of("--grpc-port=7001", "--admin-port=0", "--control-topic=ctl", "--state-topic=st",
                        "--lease-name=my-lease", "--kafka-client-id=scaler"));
        assertThat(c).isEqualTo(new ScalerConfig("localhost:9092",
                Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "secret-jaas", "client.id", "scaler"),
                7001, 0, "ctl", "st", Set.of("shop", "billing"),
                Optional.of(new ScalerConfig.TlsFiles(pem, pem, Optional.of(pem))), true, "my-lease",
                Optional.of("shadowscale"), Optional.of("scaler-0")));
        assertThat(c.tls().orElseThrow().mutual()).isTrue();
        assertThat(c.namespaceAllowed("shop")).isTrue();
        assertThat(c.namespaceAllowed("other")).isFalse();
        assertThat(c.kafkaClientProperties()).containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("sasl.jaas.config", "secret-jaas");
    }

    @Test
    void neverPrintsKafkaPropertyValues() {
        ScalerConfig c = ScalerConfig.parse(env("SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG", "password=hunter2"), List.of());
        assertThat(c.toString()).contains("sasl.jaas.config").doesNotContain("hunter2");
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of(Map.of(), List.of(), List.of(
                        "SHADOWSCALE_BOOTSTRAP_SERVERS: missing; required, a comma-separated list of host:port")),
                Arguments.of(env(BOOTSTRAP, "localhost"), List.of(), List.of(
                        "SHADOWSCALE_BOOTSTRAP_SERVERS='localhost': expected a comma-separated list of host:port")),
                Arguments.of(env("SHADOWSCALE_GRPC_PORT", "70000"), List.of(), List.of(
                        "SHADOWSCALE_GRPC_PORT='70000': expected an integer in [0, 65535]")),
                Arguments.of(env(), List.of("--grpc-port=8081"), List.of(
                        "SHADOWSCALE_GRPC_PORT and SHADOWSCALE_ADMIN_PORT are both 8081: expected different ports")),
                Arguments.of(env("SHADOWSCALE_STATE_TOPIC", "shadowscale.control"), List.of(), List.of(
                        "SHADOWSCALE_CONTROL_TOPIC and SHADOWSCALE_STATE_TOPIC are both 'shadowscale.control': "
                                + "expected different topics")),
                Arguments.of(env("SHADOWSCALE_ALLOWED_NAMESPACES", "shop,Billing"), List.of(), List.of(
                        "SHADOWSCALE_ALLOWED_NAMESPACES='shop,Billing': expected a comma-separated list of "
                                + "DNS-1123 labels")),
                Arguments.of(env("SHADOWSCALE_TLS_CERT", "/nonexistent/cert.pem"), List.of(), List.of(
                        "SHADOWSCALE_TLS_CERT='/nonexistent/cert.pem': expected a readable file",
                        "SHADOWSCALE_TLS_CERT and SHADOWSCALE_TLS_KEY: expected both or neither")),
                Arguments.of(env("SHADOWSCALE_TLS_CA", "/nonexistent/ca.pem"), List.of(), List.of(
                        "SHADOWSCALE_TLS_CA='/nonexistent/ca.pem': expected a readable file",
                        "SHADOWSCALE_TLS_CA: mutual TLS needs SHADOWSCALE_TLS_CERT and SHADOWSCALE_TLS_KEY too")),
                Arguments.of(env("SHADOWSCALE_LEADER_ELECTION", "yes"), List.of(), List.of(
                        "SHADOWSCALE_LEADER_ELECTION='yes': expected true or false")),
                Arguments.of(env("SHADOWSCALE_LEADER_ELECTION", "true"), List.of(), List.of(
                        "SHADOWSCALE_POD_NAMESPACE: missing; required when SHADOWSCALE_LEADER_ELECTION=true, "
                                + "a DNS-1123 label",
                        "SHADOWSCALE_POD_NAME: missing; required when SHADOWSCALE_LEADER_ELECTION=true, "
                                + "a DNS-1123 subdomain")),
                Arguments.of(env("SHADOWSCALE_GRCP_PORT", "1"), List.of("grpc-port=1", "--Bad=1"), List.of(
                        "argument 'grpc-port=1': expected --name=value, e.g. --grpc-port=9090",
                        "argument '--Bad=1': expected --name=value, e.g. --grpc-port=9090",
                        "unknown setting 'SHADOWSCALE_GRCP_PORT'; allowed: " + ALLOWED)),
                Arguments.of(env("SHADOWSCALE_KAFKA_BOOTSTRAP_SERVERS", "x:1"), List.of(), List.of(
                        "SHADOWSCALE_KAFKA_BOOTSTRAP_SERVERS: use SHADOWSCALE_BOOTSTRAP_SERVERS instead")));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void refusesBadConfigurationNamingEveryProblem(Map<String, String> env, List<String> args, List<String> problems) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ScalerConfig.parse(env, args));
        assertThat(e).isNotNull();
        assertThat(e.problems()).containsExactlyElementsOf(problems);
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
