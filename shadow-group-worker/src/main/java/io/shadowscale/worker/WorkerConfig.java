package io.shadowscale.worker;

import static io.shadowscale.worker.WorkerKeys.BOOTSTRAP_SERVERS;
import static io.shadowscale.worker.WorkerKeys.COMMIT_INTERVAL_MS;
import static io.shadowscale.worker.WorkerKeys.CONTROL_TOPIC;
import static io.shadowscale.worker.WorkerKeys.DEAD_LETTER_TOPIC;
import static io.shadowscale.worker.WorkerKeys.ENVIRONMENT;
import static io.shadowscale.worker.WorkerKeys.ERROR_BACKOFF_MAX_MS;
import static io.shadowscale.worker.WorkerKeys.ERROR_BACKOFF_MS;
import static io.shadowscale.worker.WorkerKeys.ERROR_POLICY;
import static io.shadowscale.worker.WorkerKeys.ERROR_RETRIES;
import static io.shadowscale.worker.WorkerKeys.EXACTLY_ONCE;
import static io.shadowscale.worker.WorkerKeys.HTTP_PORT;
import static io.shadowscale.worker.WorkerKeys.MAX_POLL_RECORDS;
import static io.shadowscale.worker.WorkerKeys.MAX_RECORD_BACKOFF;
import static io.shadowscale.worker.WorkerKeys.OUTPUT_TOPIC;
import static io.shadowscale.worker.WorkerKeys.PAIR_NAME;
import static io.shadowscale.worker.WorkerKeys.PAIR_NAMESPACE;
import static io.shadowscale.worker.WorkerKeys.POLL_TIMEOUT_MS;
import static io.shadowscale.worker.WorkerKeys.PREFETCH_RECORDS;
import static io.shadowscale.worker.WorkerKeys.PROCESSOR;
import static io.shadowscale.worker.WorkerKeys.PROTOCOL_VERSION;
import static io.shadowscale.worker.WorkerKeys.READY_CHECK_INTERVAL_MS;
import static io.shadowscale.worker.WorkerKeys.SHUTDOWN_TIMEOUT_MS;
import static io.shadowscale.worker.WorkerKeys.SIDECAR_ACK_TIMEOUT_MS;
import static io.shadowscale.worker.WorkerKeys.SIDECAR_MAX_UNACKED_RECORDS;
import static io.shadowscale.worker.WorkerKeys.SIDECAR_PORT;
import static io.shadowscale.worker.WorkerKeys.SIDECAR_RECONNECT_TIMEOUT_MS;
import static io.shadowscale.worker.WorkerKeys.SLOT;
import static io.shadowscale.worker.WorkerKeys.STATUS_INTERVAL_MS;
import static io.shadowscale.worker.WorkerKeys.TOPICS;
import static io.shadowscale.worker.WorkerKeys.TRANSACTIONAL_ID_PREFIX;
import static io.shadowscale.worker.WorkerKeys.WORKER_ID;

import io.shadowscale.control.ControlTopics;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.Secrets;
import io.shadowscale.control.SlotName;
import io.shadowscale.worker.ConfigKey.Parsed;
import io.shadowscale.worker.errors.ErrorPolicy;
import io.shadowscale.worker.example.ExampleProcessor;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.sidecar.SidecarSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The worker's configuration, built from environment variables ({@link #parse(Map)}). Every key is
 * declared in {@link #KEYS} ({@link WorkerKeys}) with its default, one line of doc and the check of
 * its value; parsing adds the checks that take several keys together and reports every problem at
 * once, each naming the key, the value and what is allowed. Any {@code SHADOWSCALE_KAFKA_<X>}
 * variable becomes the Kafka client property {@code <x>} (lower-cased, {@code _} to {@code .})
 * for every client the worker opens.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topics input topics
 * @param pair the pair the worker belongs to
 * @param slot the worker's slot
 * @param workerId the worker's id (member client id, status sender)
 * @param controlTopic the control topic of the environment ({@code SHADOWSCALE_CONTROL_TOPIC}, or derived
 *     from {@code SHADOWSCALE_ENVIRONMENT}; one of them is required)
 * @param processorClass the {@link RecordProcessor} class WorkerMain loads
 * @param outputTopic where the shipped processors write, if set
 * @param httpPort health and metrics port (0: any free port)
 * @param exactlyOnce output and input offsets in one transaction per input partition
 * @param transactionalIdPrefix transactional ids are {@code <prefix>-<topic>-<partition>}
 * @param pollTimeout longest consumer poll; bounds how long a command waits for the poll loop
 * @param statusInterval status heartbeat period
 * @param commitInterval asynchronous offset commit period while ACTIVE
 * @param readyCheckInterval how often a SHADOW worker checks its group's stability and re-positions
 * @param maxPollRecords Kafka {@code max.poll.records}
 * @param prefetchRecords most records a SHADOW worker reads ahead per partition once ready (0: none)
 * @param shutdownTimeout bound of a graceful stop
 * @param errorPolicy what a record the processor throws on gets (stop, or retries then the dead-letter topic)
 * @param kafkaProperties pass-through client properties from {@code SHADOWSCALE_KAFKA_*}
 * @param env every entry it was built from (for the processor)
 */
public record WorkerConfig(
        String bootstrapServers,
        List<String> topics,
        PairKey pair,
        SlotName slot,
        String workerId,
        String controlTopic,
        String processorClass,
        Optional<String> outputTopic,
        int httpPort,
        boolean exactlyOnce,
        String transactionalIdPrefix,
        Duration pollTimeout,
        Duration statusInterval,
        Duration commitInterval,
        Duration readyCheckInterval,
        int maxPollRecords,
        int prefetchRecords,
        Duration shutdownTimeout,
        ErrorPolicy errorPolicy,
        Map<String, String> kafkaProperties,
        Map<String, String> env) {
    public static final String KAFKA_PREFIX = "SHADOWSCALE_KAFKA_";
    /** Client properties the worker sets itself; a pass-through variable may not override them. */
    public static final Set<String> RESERVED_KAFKA_PROPERTIES = Set.of(
            "group.id",
            "group.protocol",
            "enable.auto.commit",
            "auto.offset.reset",
            "transactional.id",
            "isolation.level",
            "key.deserializer",
            "value.deserializer",
            "key.serializer",
            "value.serializer",
            "bootstrap.servers");

    /** Every declared key, in documentation order. */
    public static final List<ConfigKey<?>> KEYS = WorkerKeys.ALL;
    /** {@code SHADOWSCALE_PROCESSOR} value of the sidecar mode. */
    public static final String SIDECAR_PROCESSOR = "grpc";

    public WorkerConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        topics = List.copyOf(topics);
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(controlTopic, "controlTopic");
        Objects.requireNonNull(processorClass, "processorClass");
        Objects.requireNonNull(outputTopic, "outputTopic");
        Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
        Objects.requireNonNull(errorPolicy, "errorPolicy");
        kafkaProperties = Map.copyOf(kafkaProperties);
        env = Map.copyOf(env);
    }

    /** Thrown by {@link #parse(Map)} with every problem found. */
    public static final class InvalidConfigException extends IllegalArgumentException {
        private final List<String> problems;

        InvalidConfigException(List<String> problems) {
            super("invalid worker configuration:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Builds the configuration from environment variables; throws with all problems at once. */
    public static WorkerConfig parse(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Values values = new Values(env, problems);
        String bootstrap = values.get(BOOTSTRAP_SERVERS);
        List<String> topics = values.get(TOPICS);
        String namespace = values.get(PAIR_NAMESPACE);
        String name = values.get(PAIR_NAME);
        SlotName slot = values.get(SLOT);
        String workerId = values.get(WORKER_ID);
        String environment = values.get(ENVIRONMENT);
        String control = values.get(CONTROL_TOPIC);
        if (control != null && control.isEmpty() && environment != null) {
            if (environment.isEmpty()) {
                // two environments on one Kafka cluster must never share a control topic: no silent default
                problems.add(CONTROL_TOPIC.name() + ": required, not set (nor " + ENVIRONMENT.name()
                        + ", which makes it shadowscale.<environment>.control)");
            } else {
                control = ControlTopics.forEnvironment(environment).control();
            }
        }
        String processor = values.get(PROCESSOR);
        String output = values.get(OUTPUT_TOPIC);
        Integer port = values.get(HTTP_PORT);
        Boolean exactlyOnce = values.get(EXACTLY_ONCE);
        String prefix = values.get(TRANSACTIONAL_ID_PREFIX);
        Integer poll = values.get(POLL_TIMEOUT_MS);
        Integer status = values.get(STATUS_INTERVAL_MS);
        Integer commit = values.get(COMMIT_INTERVAL_MS);
        Integer ready = values.get(READY_CHECK_INTERVAL_MS);
        Integer maxPoll = values.get(MAX_POLL_RECORDS);
        Integer prefetchRecords = values.get(PREFETCH_RECORDS);
        Integer shutdown = values.get(SHUTDOWN_TIMEOUT_MS);
        values.get(PROTOCOL_VERSION); // checked here, read by protocolVersion()
        values.get(SIDECAR_PORT);
        values.get(SIDECAR_MAX_UNACKED_RECORDS);
        values.get(SIDECAR_ACK_TIMEOUT_MS);
        values.get(SIDECAR_RECONNECT_TIMEOUT_MS);
        ErrorPolicy errorPolicy = errorPolicy(values, namespace, name, topics, problems);
        // output null: the value was refused above; do not also call it "not set"
        if (ExampleProcessor.class.getName().equals(processor) && "".equals(output)) {
            problems.add(OUTPUT_TOPIC.name() + ": required by " + PROCESSOR.name() + "=" + processor + ", not set");
        }
        Map<String, String> kafka = kafkaProperties(env, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        PairKey pair = new PairKey(namespace, name);
        return new WorkerConfig(
                bootstrap,
                topics,
                pair,
                slot,
                workerId,
                control,
                processor,
                output.isEmpty() ? Optional.empty() : Optional.of(output),
                port,
                exactlyOnce,
                prefix.isEmpty() ? "shadowscale." + namespace + "." + name : prefix,
                Duration.ofMillis(poll),
                Duration.ofMillis(status),
                Duration.ofMillis(commit),
                Duration.ofMillis(ready),
                maxPoll,
                prefetchRecords,
                Duration.ofMillis(shutdown),
                errorPolicy,
                kafka,
                env);
    }

    /**
     * The highest control protocol version this worker speaks ({@code SHADOWSCALE_PROTOCOL_VERSION}, checked by {@link
     * #parse}).
     */
    public int protocolVersion() {
        return PROTOCOL_VERSION
                .raw(env)
                .map(v -> PROTOCOL_VERSION.parser().apply(v).value())
                .orElse(2);
    }

    /** The consumer group of this worker's slot: {@code shadowscale.<namespace>.<pair>.<slot>}. */
    public String groupId() {
        return pair.groupId(slot);
    }

    /** Base properties of every Kafka client: bootstrap servers and the pass-through properties. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new LinkedHashMap<>(kafkaProperties);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    /**
     * The settings as {@code KEY=value} lines for the log: every declared key and every
     * {@code SHADOWSCALE_KAFKA_*} variable, values of sensitive keys (and PEM keys, JAAS logins)
     * masked as {@value Secrets#MASK} (see {@link Secrets}).
     */
    public List<String> describe() {
        Map<String, String> shown = new TreeMap<>();
        for (ConfigKey<?> key : KEYS) {
            shown.put(key.name(), Secrets.shown(key.name(), key.raw(env).orElse("")));
        }
        env.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PREFIX)) {
                shown.put(k, Secrets.shown(k, v));
            }
        });
        return shown.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
    }

    /** Whether a variable's value must never be logged (see {@link Secrets#isSensitive}). */
    public static boolean isSecret(String key) {
        return Secrets.isSensitive(key);
    }

    /** Takes every sensitive value of this configuration out of {@code text} (an error message, say). */
    public String redact(String text) {
        return secrets().redact(text);
    }

    /** The redactor of this configuration's sensitive values (of {@code SHADOWSCALE_*} variables). */
    public Secrets secrets() {
        Map<String, String> own = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("SHADOWSCALE_")) {
                own.put(k, v);
            }
        });
        return Secrets.of(own);
    }

    @Override
    public String toString() {
        return "WorkerConfig" + describe();
    }

    /** The error policy, or null with its problems added (backoff bounds, a dead-letter topic that is an input). */
    private static ErrorPolicy errorPolicy(
            Values values, String namespace, String name, List<String> topics, List<String> problems) {
        ErrorPolicy.Action action = values.get(ERROR_POLICY);
        Integer retries = values.get(ERROR_RETRIES);
        Integer backoff = values.get(ERROR_BACKOFF_MS);
        Integer backoffMax = values.get(ERROR_BACKOFF_MAX_MS);
        String topic = values.get(DEAD_LETTER_TOPIC);
        if (action == null || retries == null || backoff == null || backoffMax == null || topic == null) {
            return null;
        }
        if (backoff > backoffMax) {
            problems.add(ERROR_BACKOFF_MS.name() + "='" + backoff + "': must not exceed " + ERROR_BACKOFF_MAX_MS.name()
                    + "=" + backoffMax);
            return null;
        }
        String deadLetterTopic = topic.isEmpty() && namespace != null && name != null
                ? "shadowscale." + namespace + "." + name + ".dlq"
                : topic;
        if (topics != null && topics.contains(deadLetterTopic)) {
            problems.add(DEAD_LETTER_TOPIC.name() + "='" + deadLetterTopic + "': must not be an input topic");
        }
        ErrorPolicy policy = new ErrorPolicy(
                action, retries, Duration.ofMillis(backoff), Duration.ofMillis(backoffMax), deadLetterTopic);
        if (policy.worstCaseWait().compareTo(MAX_RECORD_BACKOFF) > 0) {
            problems.add(ERROR_RETRIES.name() + "='" + retries + "': with " + ERROR_BACKOFF_MS.name() + "=" + backoff
                    + " and " + ERROR_BACKOFF_MAX_MS.name() + "=" + backoffMax + " one record waits up to "
                    + policy.worstCaseWait().toMillis() + " ms in backoff; at most " + MAX_RECORD_BACKOFF.toMillis()
                    + " ms allowed (the poll loop and its commands wait with it)");
        }
        return policy;
    }

    private static Map<String, String> kafkaProperties(Map<String, String> env, List<String> problems) {
        Map<String, String> props = new TreeMap<>();
        new TreeMap<>(env).forEach((key, value) -> {
            if (!key.startsWith(KAFKA_PREFIX)) {
                return;
            }
            String property = key.substring(KAFKA_PREFIX.length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '.');
            String shown = Secrets.shown(key, value);
            if (property.isEmpty() || property.startsWith(".") || property.endsWith(".")) {
                problems.add(key + "='" + shown + "': must name a Kafka client property after " + KAFKA_PREFIX);
            } else if (RESERVED_KAFKA_PROPERTIES.contains(property)) {
                problems.add(key + "='" + shown + "': " + property + " is set by the worker and cannot be overridden");
            } else {
                props.put(property, value);
            }
        });
        return props;
    }

    /** Collects parsed values and problems. */
    private record Values(Map<String, String> env, List<String> problems) {
        <T> T get(ConfigKey<T> key) {
            Optional<String> raw = key.raw(env);
            if (raw.isEmpty()) {
                problems.add(key.name() + ": required, not set"
                        + key.defaultValue()
                                .fromVariable()
                                .map(v -> " (nor " + v + ")")
                                .orElse(""));
                return null;
            }
            Parsed<T> parsed = key.parser().apply(raw.get());
            if (parsed.problem() != null) {
                problems.add(key.name() + "='" + Secrets.shown(key.name(), raw.get()) + "': " + parsed.problem());
                return null;
            }
            return parsed.value();
        }
    }

    /**
     * The sidecar settings from a configuration's entries ({@link #env()}, or the processor's
     * {@code ProcessorContext.settings()}); throws with every problem.
     */
    public static SidecarSettings sidecarSettings(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Values values = new Values(env, problems);
        Integer port = values.get(SIDECAR_PORT);
        Integer unacked = values.get(SIDECAR_MAX_UNACKED_RECORDS);
        Integer ack = values.get(SIDECAR_ACK_TIMEOUT_MS);
        Integer reconnect = values.get(SIDECAR_RECONNECT_TIMEOUT_MS);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new SidecarSettings(port, unacked, Duration.ofMillis(ack), Duration.ofMillis(reconnect));
    }
}
