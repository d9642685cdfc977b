package io.shadowscale.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.worker.errors.ErrorPolicy;
import io.shadowscale.worker.sidecar.SidecarSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkerConfigTest {
    @Test
    void appliesDefaultsAndDerivesTheGroup() {
        WorkerConfig config = WorkerConfig.parse(WorkerEnvs.valid());
        assertThat(config.pair()).isEqualTo(new PairKey("shop", "orders"));
        assertThat(config.slot()).isEqualTo(SlotName.GREEN);
        assertThat(config.groupId()).isEqualTo("shadowscale.shop.orders.green");
        assertThat(config.topics()).containsExactly("orders", "payments");
        assertThat(config.workerId()).isEqualTo("orders-green-7d9f-abcde");
        assertThat(config.controlTopic()).isEqualTo("shadowscale.prod.control");
        assertThat(config.processorClass()).isEqualTo("io.shadowscale.worker.example.ExampleProcessor");
        assertThat(config.outputTopic()).contains("orders.out");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.exactlyOnce()).isFalse();
        assertThat(config.transactionalIdPrefix()).isEqualTo("shadowscale.shop.orders");
        assertThat(config.pollTimeout()).isEqualTo(Duration.ofMillis(20));
        assertThat(config.statusInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.kafkaProperties()).isEmpty();
        assertThat(config.errorPolicy())
                .isEqualTo(new ErrorPolicy(
                        ErrorPolicy.Action.DEAD_LETTER,
                        3,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(1),
                        "shadowscale.shop.orders.dlq"));
    }

    @Test
    void errorPolicyStopAndAnExplicitDeadLetterTopic() {
        Map<String, String> env = WorkerEnvs.valid(
                "SHADOWSCALE_ERROR_POLICY",
                "STOP",
                "SHADOWSCALE_ERROR_RETRIES",
                "0",
                "SHADOWSCALE_ERROR_BACKOFF_MS",
                "0",
                "SHADOWSCALE_ERROR_BACKOFF_MAX_MS",
                "0",
                "SHADOWSCALE_DEAD_LETTER_TOPIC",
                "orders.dead");
        assertThat(WorkerConfig.parse(env).errorPolicy())
                .isEqualTo(new ErrorPolicy(ErrorPolicy.Action.STOP, 0, Duration.ZERO, Duration.ZERO, "orders.dead"));
    }

    @Test
    void grpcSelectsTheSidecarProcessorWithItsSettings() {
        Map<String, String> env =
                WorkerEnvs.valid("SHADOWSCALE_PROCESSOR", "grpc", "SHADOWSCALE_SIDECAR_MAX_UNACKED_RECORDS", "64");
        WorkerConfig config = WorkerConfig.parse(env);
        assertThat(config.processorClass()).isEqualTo("io.shadowscale.worker.sidecar.SidecarProcessor");
        assertThat(WorkerConfig.sidecarSettings(config.env()))
                .isEqualTo(new SidecarSettings(9191, 64, Duration.ofSeconds(10), Duration.ofSeconds(30)));
    }

    @Test
    void explicitPairNamespaceAndWorkerIdWinOverPodVariables() {
        Map<String, String> env =
                WorkerEnvs.valid("SHADOWSCALE_PAIR_NAMESPACE", "billing", "SHADOWSCALE_WORKER_ID", "w-1");
        WorkerConfig config = WorkerConfig.parse(env);
        assertThat(config.pair()).isEqualTo(new PairKey("billing", "orders"));
        assertThat(config.workerId()).isEqualTo("w-1");
    }

    @Test
    void passesKafkaVariablesThroughAsClientProperties() {
        Map<String, String> env = WorkerEnvs.valid(
                "SHADOWSCALE_KAFKA_SECURITY_PROTOCOL",
                "SASL_SSL",
                "SHADOWSCALE_KAFKA_SASL_MECHANISM",
                "SCRAM-SHA-512",
                "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "SHADOWSCALE_KAFKA_SSL_TRUSTSTORE_PASSWORD",
                "hunter2");
        WorkerConfig config = WorkerConfig.parse(env);
        assertThat(config.kafkaProperties())
                .isEqualTo(Map.of(
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                        "ssl.truststore.password", "hunter2"));
        assertThat(config.clientProperties())
                .containsEntry("bootstrap.servers", "kafka-0:9092,kafka-1:9092")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.describe())
                .contains(
                        "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG=******",
                        "SHADOWSCALE_KAFKA_SSL_TRUSTSTORE_PASSWORD=******",
                        "SHADOWSCALE_KAFKA_SECURITY_PROTOCOL=SASL_SSL");
        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("ScramLoginModule");
    }

    @Test
    void anExplicitControlTopicWinsAndNeedsNoEnvironment() {
        Map<String, String> env = WorkerEnvs.valid();
        env.remove("SHADOWSCALE_ENVIRONMENT");
        env.put("SHADOWSCALE_CONTROL_TOPIC", "acme.control");
        assertThat(WorkerConfig.parse(env).controlTopic()).isEqualTo("acme.control");
        env.put("SHADOWSCALE_ENVIRONMENT", "staging");
        assertThat(WorkerConfig.parse(env).controlTopic()).isEqualTo("acme.control");
    }

    @Test
    void twoEnvironmentsGetTwoControlTopics() {
        Map<String, String> staging = WorkerEnvs.valid("SHADOWSCALE_ENVIRONMENT", "staging");
        assertThat(WorkerConfig.parse(staging).controlTopic())
                .isEqualTo("shadowscale.staging.control")
                .isNotEqualTo(WorkerConfig.parse(WorkerEnvs.valid()).controlTopic());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "<unset>",
            value = {
                "SHADOWSCALE_BOOTSTRAP_SERVERS | <unset>         | SHADOWSCALE_BOOTSTRAP_SERVERS: required, not set",
                "SHADOWSCALE_BOOTSTRAP_SERVERS | localhost       | SHADOWSCALE_BOOTSTRAP_SERVERS='localhost': must be a comma-separated list of host:port",
                "SHADOWSCALE_TOPICS            | <unset>         | SHADOWSCALE_TOPICS: required, not set",
                "SHADOWSCALE_TOPICS            | 'a,,b'          | SHADOWSCALE_TOPICS='a,,b': must be a comma-separated list of topic names (letters, digits, '.', '_', '-')",
                "POD_NAMESPACE                 | <unset>         | SHADOWSCALE_PAIR_NAMESPACE: required, not set (nor POD_NAMESPACE)",
                "POD_NAMESPACE                 | Shop            | SHADOWSCALE_PAIR_NAMESPACE='Shop': must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)",
                "SHADOWSCALE_PAIR_NAME         | <unset>         | SHADOWSCALE_PAIR_NAME: required, not set",
                "SHADOWSCALE_PAIR_NAME         | orders_v2       | SHADOWSCALE_PAIR_NAME='orders_v2': must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)",
                "SHADOWSCALE_SLOT              | <unset>         | SHADOWSCALE_SLOT: required, not set",
                "SHADOWSCALE_SLOT              | purple          | SHADOWSCALE_SLOT='purple': must be one of blue, green",
                "HOSTNAME                      | <unset>         | SHADOWSCALE_WORKER_ID: required, not set (nor HOSTNAME)",
                "SHADOWSCALE_CONTROL_TOPIC     | 'bad topic'     | SHADOWSCALE_CONTROL_TOPIC='bad topic': must be a topic name (letters, digits, '.', '_', '-')",
                "SHADOWSCALE_ENVIRONMENT       | <unset>         | SHADOWSCALE_CONTROL_TOPIC: required, not set (nor SHADOWSCALE_ENVIRONMENT, which makes it shadowscale.<environment>.control)",
                "SHADOWSCALE_ENVIRONMENT       | Prod_1          | SHADOWSCALE_ENVIRONMENT='Prod_1': must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)",
                "SHADOWSCALE_OUTPUT_TOPIC      | '-----BEGIN PRIVATE KEY----- MIIE' | SHADOWSCALE_OUTPUT_TOPIC='******': must be a topic name (letters, digits, '.', '_', '-')",
                "SHADOWSCALE_PROCESSOR         | com.example.Nope | SHADOWSCALE_PROCESSOR='com.example.Nope': class not found",
                "SHADOWSCALE_PROCESSOR         | java.lang.String | SHADOWSCALE_PROCESSOR='java.lang.String': does not implement io.shadowscale.worker.processor.RecordProcessor",
                "SHADOWSCALE_PROCESSOR         | 'not a class'   | SHADOWSCALE_PROCESSOR='not a class': must be a fully qualified class name",
                "SHADOWSCALE_OUTPUT_TOPIC      | <unset>         | SHADOWSCALE_OUTPUT_TOPIC: required by SHADOWSCALE_PROCESSOR=io.shadowscale.worker.example.ExampleProcessor, not set",
                "SHADOWSCALE_HTTP_PORT         | 70000           | SHADOWSCALE_HTTP_PORT='70000': must be an integer from 0 to 65535",
                "SHADOWSCALE_HTTP_PORT         | http            | SHADOWSCALE_HTTP_PORT='http': must be an integer from 0 to 65535",
                "SHADOWSCALE_EXACTLY_ONCE      | yes             | SHADOWSCALE_EXACTLY_ONCE='yes': must be true or false",
                "SHADOWSCALE_POLL_TIMEOUT_MS   | 0               | SHADOWSCALE_POLL_TIMEOUT_MS='0': must be an integer from 1 to 1000",
                "SHADOWSCALE_STATUS_INTERVAL_MS | 10             | SHADOWSCALE_STATUS_INTERVAL_MS='10': must be an integer from 50 to 60000",
                "SHADOWSCALE_COMMIT_INTERVAL_MS | -1             | SHADOWSCALE_COMMIT_INTERVAL_MS='-1': must be an integer from 10 to 60000",
                "SHADOWSCALE_READY_CHECK_INTERVAL_MS | 1s        | SHADOWSCALE_READY_CHECK_INTERVAL_MS='1s': must be an integer from 50 to 60000",
                "SHADOWSCALE_MAX_POLL_RECORDS  | 0               | SHADOWSCALE_MAX_POLL_RECORDS='0': must be an integer from 1 to 100000",
                "SHADOWSCALE_PREFETCH_RECORDS  | -1              | SHADOWSCALE_PREFETCH_RECORDS='-1': must be an integer from 0 to 1000000",
                "SHADOWSCALE_SHUTDOWN_TIMEOUT_MS | 5             | SHADOWSCALE_SHUTDOWN_TIMEOUT_MS='5': must be an integer from 100 to 600000",
                "SHADOWSCALE_PROTOCOL_VERSION   | 3             | SHADOWSCALE_PROTOCOL_VERSION='3': must be an integer from 1 to 2",
                "SHADOWSCALE_SIDECAR_PORT      | 65536           | SHADOWSCALE_SIDECAR_PORT='65536': must be an integer from 0 to 65535",
                "SHADOWSCALE_SIDECAR_MAX_UNACKED_RECORDS | 0     | SHADOWSCALE_SIDECAR_MAX_UNACKED_RECORDS='0': must be an integer from 1 to 100000",
                "SHADOWSCALE_SIDECAR_ACK_TIMEOUT_MS | 5          | SHADOWSCALE_SIDECAR_ACK_TIMEOUT_MS='5': must be an integer from 10 to 600000",
                "SHADOWSCALE_SIDECAR_RECONNECT_TIMEOUT_MS | 1m   | SHADOWSCALE_SIDECAR_RECONNECT_TIMEOUT_MS='1m': must be an integer from 10 to 600000",
                "SHADOWSCALE_ERROR_POLICY      | skip            | SHADOWSCALE_ERROR_POLICY='skip': must be one of dead-letter, stop",
                "SHADOWSCALE_ERROR_RETRIES     | 101             | SHADOWSCALE_ERROR_RETRIES='101': must be an integer from 0 to 100",
                "SHADOWSCALE_ERROR_RETRIES     | 70              | SHADOWSCALE_ERROR_RETRIES='70': with SHADOWSCALE_ERROR_BACKOFF_MS=100 and SHADOWSCALE_ERROR_BACKOFF_MAX_MS=1000 one record waits up to 67500 ms in backoff; at most 60000 ms allowed (the poll loop and its commands wait with it)",
                "SHADOWSCALE_ERROR_BACKOFF_MS  | 2000            | SHADOWSCALE_ERROR_BACKOFF_MS='2000': must not exceed SHADOWSCALE_ERROR_BACKOFF_MAX_MS=1000",
                "SHADOWSCALE_ERROR_BACKOFF_MS  | -5              | SHADOWSCALE_ERROR_BACKOFF_MS='-5': must be an integer from 0 to 60000",
                "SHADOWSCALE_ERROR_BACKOFF_MAX_MS | 61000        | SHADOWSCALE_ERROR_BACKOFF_MAX_MS='61000': must be an integer from 0 to 60000",
                "SHADOWSCALE_DEAD_LETTER_TOPIC | payments        | SHADOWSCALE_DEAD_LETTER_TOPIC='payments': must not be an input topic",
                "SHADOWSCALE_DEAD_LETTER_TOPIC | 'dead letters'  | SHADOWSCALE_DEAD_LETTER_TOPIC='dead letters': must be a topic name (letters, digits, '.', '_', '-')",
                "SHADOWSCALE_KAFKA_GROUP_ID    | mine            | SHADOWSCALE_KAFKA_GROUP_ID='mine': group.id is set by the worker and cannot be overridden",
                "SHADOWSCALE_KAFKA_AUTO_OFFSET_RESET | earliest  | SHADOWSCALE_KAFKA_AUTO_OFFSET_RESET='earliest': auto.offset.reset is set by the worker and cannot be overridden",
                "SHADOWSCALE_KAFKA_            | x               | SHADOWSCALE_KAFKA_='x': must name a Kafka client property after SHADOWSCALE_KAFKA_",
                "SHADOWSCALE_KAFKA_SSL_KEY_PASSWORD_ | secret    | SHADOWSCALE_KAFKA_SSL_KEY_PASSWORD_='******': must name a Kafka client property after SHADOWSCALE_KAFKA_",
                "SHADOWSCALE_KAFKA_              | 'org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"pw1\";' | SHADOWSCALE_KAFKA_='******': must name a Kafka client property after SHADOWSCALE_KAFKA_",
            })
    void reportsTheKeyTheValueAndWhatIsAllowed(String key, String value, String message) {
        Map<String, String> env = WorkerEnvs.valid();
        if (value == null) {
            env.remove(key);
        } else {
            env.put(key, value);
        }
        assertThatThrownBy(() -> WorkerConfig.parse(env))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.problems()).containsExactly(message));
    }

    @Test
    void theTableHasARefusedValueForEveryKeyThatCanBeWrong() throws Exception {
        String[] rows = WorkerConfigTest.class
                .getDeclaredMethod("reportsTheKeyTheValueAndWhatIsAllowed", String.class, String.class, String.class)
                .getAnnotation(CsvSource.class)
                .value();
        List<String> messages = Arrays.stream(rows)
                .map(r -> r.substring(r.lastIndexOf('|') + 1).trim())
                .toList();
        // the transactional id prefix is free text: Kafka takes any string as a transactional.id
        List<String> free = List.of("SHADOWSCALE_TRANSACTIONAL_ID_PREFIX");
        assertThat(WorkerConfig.KEYS.stream().map(ConfigKey::name).filter(k -> !free.contains(k)))
                .allSatisfy(key -> assertThat(messages)
                        .as("a row refusing " + key)
                        .anyMatch(m -> m.startsWith(key + "=") || m.startsWith(key + ":")));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, String> env = Map.of("SHADOWSCALE_SLOT", "red", "SHADOWSCALE_HTTP_PORT", "-1");
        assertThatThrownBy(() -> WorkerConfig.parse(env))
                .isInstanceOfSatisfying(WorkerConfig.InvalidConfigException.class, e -> {
                    assertThat(e.problems())
                            .containsExactly(
                                    "SHADOWSCALE_BOOTSTRAP_SERVERS: required, not set",
                                    "SHADOWSCALE_TOPICS: required, not set",
                                    "SHADOWSCALE_PAIR_NAMESPACE: required, not set (nor POD_NAMESPACE)",
                                    "SHADOWSCALE_PAIR_NAME: required, not set",
                                    "SHADOWSCALE_SLOT='red': must be one of blue, green",
                                    "SHADOWSCALE_WORKER_ID: required, not set (nor HOSTNAME)",
                                    "SHADOWSCALE_CONTROL_TOPIC: required, not set (nor SHADOWSCALE_ENVIRONMENT, which "
                                            + "makes it " + "shadowscale.<environment>.control)",
                                    "SHADOWSCALE_HTTP_PORT='-1': must be an integer from 0 to 65535",
                                    "SHADOWSCALE_OUTPUT_TOPIC: required by SHADOWSCALE_PROCESSOR="
                                            + "io.shadowscale.worker.example.ExampleProcessor, not set");
                    assertThat(e.getMessage())
                            .startsWith("invalid worker configuration:\n  SHADOWSCALE_BOOTSTRAP_SERVERS");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG      | org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"pw-jaas-1\";",
                "SHADOWSCALE_KAFKA_SSL_KEY_PASSWORD      | pw-key-2",
                "SHADOWSCALE_KAFKA_SSL_KEYSTORE_PASSWORD | pw-keystore-3",
                "SHADOWSCALE_KAFKA_SSL_TRUSTSTORE_PASSWORD | pw-trust-4",
                "SHADOWSCALE_KAFKA_SSL_KEYSTORE_KEY      | -----BEGIN PRIVATE KEY----- pem-body-5 -----END PRIVATE KEY-----",
                "SHADOWSCALE_KAFKA_SASL_OAUTHBEARER_CLIENT_CREDENTIALS_CLIENT_SECRET | oauth-secret-6",
                "SHADOWSCALE_KAFKA_SASL_OAUTHBEARER_ASSERTION_TOKEN_FILE_TOKEN | token-7",
                "SHADOWSCALE_KAFKA_BASIC_AUTH_USER_INFO  | user:pw-8",
            })
    void describeAndErrorsMaskSensitiveValuesAndShowTheirKeys(String key, String secret) {
        Map<String, String> env = WorkerEnvs.valid();
        env.put(key, secret);
        WorkerConfig config = WorkerConfig.parse(env);
        assertThat(config.kafkaProperties()).containsValue(secret);
        assertThat(config.describe()).contains(key + "=******").contains("SHADOWSCALE_PAIR_NAME=orders");
        assertThat(String.join("\n", config.describe())).doesNotContain(secret);
        assertThat(config.toString()).doesNotContain(secret);
        assertThat(config.redact("Kafka said: " + secret + " is wrong")).isEqualTo("Kafka said: ****** is wrong");

        env.put("SHADOWSCALE_SLOT", "red");
        assertThatThrownBy(() -> WorkerConfig.parse(env))
                .isInstanceOfSatisfying(
                        WorkerConfig.InvalidConfigException.class,
                        e -> assertThat(e.getMessage()).doesNotContain(secret));
    }

    @Test
    void aProcessorOtherThanTheExampleNeedsNoOutputTopic() {
        Map<String, String> env = WorkerEnvs.valid();
        env.remove("SHADOWSCALE_OUTPUT_TOPIC");
        // a processor other than the example (one of these tests')
        env.put("SHADOWSCALE_PROCESSOR", LeakyProcessor.class.getName());
        env.put("SHADOWSCALE_EXACTLY_ONCE", "TRUE");
        env.put("SHADOWSCALE_TRANSACTIONAL_ID_PREFIX", "tx");
        WorkerConfig config = WorkerConfig.parse(env);
        assertThat(config.outputTopic()).isEqualTo(Optional.empty());
        assertThat(config.exactlyOnce()).isTrue();
        assertThat(config.transactionalIdPrefix()).isEqualTo("tx");
    }

    @Test
    void everyKeyIsDocumented() {
        assertThat(WorkerConfig.KEYS).allSatisfy(key -> assertThat(key.doc()).isNotBlank());
        assertThat(WorkerConfig.KEYS.stream().map(ConfigKey::name).distinct().toList())
                .hasSize(WorkerConfig.KEYS.size());
        assertThat(List.of(
                        "SHADOWSCALE_BOOTSTRAP_SERVERS",
                        "SHADOWSCALE_TOPICS",
                        "SHADOWSCALE_PAIR_NAMESPACE",
                        "SHADOWSCALE_PAIR_NAME",
                        "SHADOWSCALE_SLOT",
                        "SHADOWSCALE_WORKER_ID",
                        "SHADOWSCALE_CONTROL_TOPIC",
                        "SHADOWSCALE_PROCESSOR",
                        "SHADOWSCALE_OUTPUT_TOPIC",
                        "SHADOWSCALE_HTTP_PORT",
                        "SHADOWSCALE_EXACTLY_ONCE"))
                .isSubsetOf(WorkerConfig.KEYS.stream().map(ConfigKey::name).toList());
    }
}
