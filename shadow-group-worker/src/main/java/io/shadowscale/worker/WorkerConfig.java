package io.shadowscale.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.shadowscale.control.ControlTopics;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.Secrets;
import io.shadowscale.control.SlotName;
import io.shadowscale.worker.ConfigKey.Default;
import io.shadowscale.worker.ConfigKey.Parsed;
import io.shadowscale.worker.errors.ErrorPolicy;
import io.shadowscale.worker.processor.ExampleProcessor;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.sidecar.SidecarProcessor;
import io.shadowscale.worker.sidecar.SidecarSettings;

/**
 * The worker's configuration, built from environment variables ({@link #parse(Map)}). Every key is
 * declared in {@link #KEYS} with its default and one line of doc; parsing reports every problem at
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
public record WorkerConfig(String bootstrapServers, List<String> topics, PairKey pair, SlotName slot, String workerId,
                           String controlTopic, String processorClass, Optional<String> outputTopic, int httpPort,
                           boolean exactlyOnce, String transactionalIdPrefix, Duration pollTimeout,
                           Duration statusInterval, Duration commitInterval, Duration readyCheckInterval,
                           int maxPollRecords, int prefetchRecords, Duration shutdownTimeout, ErrorPolicy errorPolicy,
                           Map<String, String> kafkaProperties, Map<String, String> env) {
    public static final String KAFKA_PREFIX = "SHADOWSCALE_KAFKA_";
    /** Client properties the worker sets itself; a pass-through variable may not override them. */
    public static final Set<String> RESERVED_KAFKA_PROPERTIES = Set.of("group.id", "group.protocol",
            "enable.auto.commit", "auto.offset.reset", "transactional.id", "isolation.level", "key.deserializer",
            "value.deserializer", "key.serializer", "value.serializer", "bootstrap.servers");

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+:\\d{1,5}");
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    static final ConfigKey<String> BOOTSTRAP_SERVERS = new ConfigKey<>("SHADOWSCALE_BOOTSTRAP_SERVERS",
            Default.required(), "Kafka bootstrap servers, host:port[,host:port...]", WorkerConfig::hostPorts);
    static final ConfigKey<List<String>> TOPICS = new ConfigKey<>("SHADOWSCALE_TOPICS", Default.required(),
            "input topics, comma-separated", WorkerConfig::topicList);
    static final ConfigKey<String> PAIR_NAMESPACE = new ConfigKey<>("SHADOWSCALE_PAIR_NAMESPACE",
            Default.fromVariable("POD_NAMESPACE"), "namespace of the pair (DNS-1123 label)", WorkerConfig::dnsLabel);
    static final ConfigKey<String> PAIR_NAME = new ConfigKey<>("SHADOWSCALE_PAIR_NAME", Default.required(),
            "name of the pair (DNS-1123 label)", WorkerConfig::dnsLabel);
    static final ConfigKey<SlotName> SLOT = new ConfigKey<>("SHADOWSCALE_SLOT", Default.required(),
            "this worker's slot: blue or green", WorkerConfig::slotName);
    static final ConfigKey<String> WORKER_ID = new ConfigKey<>("SHADOWSCALE_WORKER_ID", Default.fromVariable("HOSTNAME"),
            "worker id in status messages and client ids (the pod name)", WorkerConfig::nonBlank);
    static final ConfigKey<String> ENVIRONMENT = new ConfigKey<>("SHADOWSCALE_ENVIRONMENT", Default.optional(),
            "the Shadowscale environment (DNS-1123 label): control topic shadowscale.<environment>.control",
            WorkerConfig::optionalDnsLabel);
    static final ConfigKey<String> CONTROL_TOPIC = new ConfigKey<>("SHADOWSCALE_CONTROL_TOPIC", Default.optional(),
            "control topic of the environment (default shadowscale.<environment>.control)", WorkerConfig::optionalTopic);
    static final ConfigKey<String> PROCESSOR = new ConfigKey<>("SHADOWSCALE_PROCESSOR",
            Default.of(ExampleProcessor.class.getName()), "RecordProcessor class with a public no-arg constructor, or grpc: the sidecar mode (records to an "
                    + "application over gRPC)",
            WorkerConfig::processor);
    static final ConfigKey<String> OUTPUT_TOPIC = new ConfigKey<>("SHADOWSCALE_OUTPUT_TOPIC", Default.optional(),
            "output topic of the shipped processors (required by the example processor)", WorkerConfig::optionalTopic);
    static final ConfigKey<Integer> HTTP_PORT = new ConfigKey<>("SHADOWSCALE_HTTP_PORT", Default.of("8080"),
            "port of /healthz, /readyz and /metrics (0: any free port)", v -> integer(v, 0, 65_535));
    static final ConfigKey<Boolean> EXACTLY_ONCE = new ConfigKey<>("SHADOWSCALE_EXACTLY_ONCE", Default.of("false"),
            "commit output and input offsets in one transaction per input partition", WorkerConfig::bool);
    static final ConfigKey<String> TRANSACTIONAL_ID_PREFIX = new ConfigKey<>("SHADOWSCALE_TRANSACTIONAL_ID_PREFIX",
            Default.optional(), "prefix of the per-partition transactional ids (default shadowscale.<namespace>.<pair>)",
            v -> Parsed.ok(v));
    static final ConfigKey<Integer> POLL_TIMEOUT_MS = new ConfigKey<>("SHADOWSCALE_POLL_TIMEOUT_MS", Default.of("20"),
            "longest consumer poll in ms; bounds how long a command waits", v -> integer(v, 1, 1_000));
    static final ConfigKey<Integer> STATUS_INTERVAL_MS = new ConfigKey<>("SHADOWSCALE_STATUS_INTERVAL_MS",
            Default.of("1000"), "status heartbeat period in ms", v -> integer(v, 50, 60_000));
    static final ConfigKey<Integer> COMMIT_INTERVAL_MS = new ConfigKey<>("SHADOWSCALE_COMMIT_INTERVAL_MS",
            Default.of("1000"), "asynchronous offset commit period in ms while ACTIVE", v -> integer(v, 10, 60_000));
    static final ConfigKey<Integer> READY_CHECK_INTERVAL_MS = new ConfigKey<>("SHADOWSCALE_READY_CHECK_INTERVAL_MS",
            Default.of("500"), "how often a SHADOW worker checks group stability and re-positions, in ms",
            v -> integer(v, 50, 60_000));
    static final ConfigKey<Integer> MAX_POLL_RECORDS = new ConfigKey<>("SHADOWSCALE_MAX_POLL_RECORDS",
            Default.of("500"), "Kafka max.poll.records", v -> integer(v, 1, 100_000));
    static final ConfigKey<Integer> PREFETCH_RECORDS = new ConfigKey<>("SHADOWSCALE_PREFETCH_RECORDS",
            Default.of("10000"), "records per partition a ready SHADOW worker reads ahead of the barrier (0: off)",
            v -> integer(v, 0, 1_000_000));
    static final ConfigKey<Integer> SHUTDOWN_TIMEOUT_MS = new ConfigKey<>("SHADOWSCALE_SHUTDOWN_TIMEOUT_MS",
            Default.of("10000"), "bound of a graceful stop in ms", v -> integer(v, 100, 600_000));
    static final ConfigKey<Integer> PROTOCOL_VERSION = new ConfigKey<>("SHADOWSCALE_PROTOCOL_VERSION",
            Default.of("2"), "highest control protocol version the worker speaks (1: fence/barrier walks only, "
            + "as during a rolling upgrade from a version-1 fleet)", v -> integer(v, 1, 2));
    static final ConfigKey<Integer> SIDECAR_PORT = new ConfigKey<>("SHADOWSCALE_SIDECAR_PORT", Default.of("9191"),
            "sidecar mode: loopback port the application connects to (0: any free port)", v -> integer(v, 0, 65_535));
    static final ConfigKey<Integer> SIDECAR_MAX_UNACKED_RECORDS = new ConfigKey<>(
            "SHADOWSCALE_SIDECAR_MAX_UNACKED_RECORDS", Default.of("500"),
            "sidecar mode: most records of one partition sent to the application and not acked yet",
            v -> integer(v, 1, 100_000));
    static final ConfigKey<Integer> SIDECAR_ACK_TIMEOUT_MS = new ConfigKey<>("SHADOWSCALE_SIDECAR_ACK_TIMEOUT_MS",
            Default.of("10000"), "sidecar mode: longest wait for the next ack in ms; then the stream is cut",
            v -> integer(v, 10, 600_000));
    static final ConfigKey<Integer> SIDECAR_RECONNECT_TIMEOUT_MS = new ConfigKey<>(
            "SHADOWSCALE_SIDECAR_RECONNECT_TIMEOUT_MS", Default.of("30000"),
            "sidecar mode: longest wait in ms for the application while records wait; then the poll loop stops",
            v -> integer(v, 10, 600_000));

    static final ConfigKey<ErrorPolicy.Action> ERROR_POLICY = new ConfigKey<>("SHADOWSCALE_ERROR_POLICY",
            Default.of(ErrorPolicy.Action.DEAD_LETTER.label()), "a record the processor throws on: dead-letter (retried "
            + "with backoff, then written to the dead-letter topic and skipped) or stop (the worker stops)",
            WorkerConfig::errorAction);
    static final ConfigKey<Integer> ERROR_RETRIES = new ConfigKey<>("SHADOWSCALE_ERROR_RETRIES", Default.of("3"),
            "retries of a failed record before it is dead-lettered", v -> integer(v, 0, 100));
    static final ConfigKey<Integer> ERROR_BACKOFF_MS = new ConfigKey<>("SHADOWSCALE_ERROR_BACKOFF_MS", Default.of("100"),
            "wait before the first retry in ms; each further retry waits twice as long", v -> integer(v, 0, 60_000));
    static final ConfigKey<Integer> ERROR_BACKOFF_MAX_MS = new ConfigKey<>("SHADOWSCALE_ERROR_BACKOFF_MAX_MS",
            Default.of("1000"), "longest wait before one retry in ms", v -> integer(v, 0, 60_000));
    static final ConfigKey<String> DEAD_LETTER_TOPIC = new ConfigKey<>("SHADOWSCALE_DEAD_LETTER_TOPIC",
            Default.optional(), "dead-letter topic (default shadowscale.<namespace>.<pair>.dlq)",
            WorkerConfig::optionalTopic);
    /** Longest a record may wait in backoff in all: the poll loop, and a fence with it, waits that long. */
    static final Duration MAX_RECORD_BACKOFF = Duration.ofSeconds(60);

    /** Every declared key, in documentation order. */
    public static final List<ConfigKey<?>> KEYS = List.of(BOOTSTRAP_SERVERS, TOPICS, PAIR_NAMESPACE, PAIR_NAME, SLOT,
            WORKER_ID, ENVIRONMENT, CONTROL_TOPIC, PROCESSOR, OUTPUT_TOPIC, HTTP_PORT, EXACTLY_ONCE, TRANSACTIONAL_ID_PREFIX,
            POLL_TIMEOUT_MS, STATUS_INTERVAL_MS, COMMIT_INTERVAL_MS, READY_CHECK_INTERVAL_MS, MAX_POLL_RECORDS,
            PREFETCH_RECORDS, SHUTDOWN_TIMEOUT_MS, PROTOCOL_VERSION, SIDECAR_PORT, SIDECAR_MAX_UNACKED_RECORDS,
            SIDECAR_ACK_TIMEOUT_MS, SIDECAR_RECONNECT_TIMEOUT_MS, ERROR_POLICY, ERROR_RETRIES, ERROR_BACKOFF_MS,
            ERROR_BACKOFF_MAX_MS, DEAD_LETTER_TOPIC);
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
        return new WorkerConfig(bootstrap, topics, pair, slot, workerId, control, processor,
                output.isEmpty() ? Optional.empty() : Optional.of(output), port, exactlyOnce,
                prefix.isEmpty() ? "shadowscale." + namespace + "." + name : prefix, Duration.ofMillis(poll),
                Duration.ofMillis(status), Duration.ofMillis(commit), Duration.ofMillis(ready), maxPoll,
                prefetchRecords, Duration.ofMillis(shutdown), errorPolicy, kafka, env);
    }

    /**
     * The highest control protocol version this worker speaks ({@code SHADOWSCALE_PROTOCOL_VERSION}, checked by
     * {@link #parse}).
     */
    public int protocolVersion() {
        return PROTOCOL_VERSION.raw(env).map(v -> integer(v, 1, 2).value()).orElse(2);
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
        return shown.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
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
    private static ErrorPolicy errorPolicy(Values values, String namespace, String name, List<String> topics,
                                           List<String> problems) {
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
                ? "shadowscale." + namespace + "." + name + ".dlq" : topic;
        if (topics != null && topics.contains(deadLetterTopic)) {
            problems.add(DEAD_LETTER_TOPIC.name() + "='" + deadLetterTopic + "': must not be an input topic");
        }
        ErrorPolicy policy = new ErrorPolicy(action, retries, Duration.ofMillis(backoff), Duration.ofMillis(backoffMax),
                deadLetterTopic);
        if (policy.worstCaseWait().compareTo(MAX_RECORD_BACKOFF) > 0) {
            problems.add(ERROR_RETRIES.name() + "='" + retries + "': with " + ERROR_BACKOFF_MS.name() + "=" + backoff
                    + " and " + ERROR_BACKOFF_MAX_MS.name() + "=" + backoffMax + " one record waits up to "
                    + policy.worstCaseWait().toMillis() + " ms in backoff; at most " + MAX_RECORD_BACKOFF.toMillis()
                    + " ms allowed (the poll loop and its commands wait with it)");
        }
        return policy;
    }

    private static Parsed<ErrorPolicy.Action> errorAction(String value) {
        return ErrorPolicy.Action.parse(value).map(Parsed::ok)
                .orElseGet(() -> Parsed.problem("must be one of dead-letter, stop"));
    }

    private static Map<String, String> kafkaProperties(Map<String, String> env, List<String> problems) {
        Map<String, String> props = new TreeMap<>();
        new TreeMap<>(env).forEach((key, value) -> {
            if (!key.startsWith(KAFKA_PREFIX)) {
                return;
            }
            String property = key.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
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
                problems.add(key.name() + ": required, not set" + key.defaultValue().fromVariable()
                        .map(v -> " (nor " + v + ")").orElse(""));
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

    private static Parsed<String> hostPorts(String value) {
        boolean ok = Arrays.stream(value.split(",", -1)).map(String::trim).allMatch(s -> HOST_PORT.matcher(s).matches());
        return ok ? Parsed.ok(value) : Parsed.problem("must be a comma-separated list of host:port");
    }

    private static Parsed<List<String>> topicList(String value) {
        List<String> topics = Arrays.stream(value.split(",", -1)).map(String::trim).toList();
        return topics.stream().allMatch(t -> TOPIC.matcher(t).matches()) ? Parsed.ok(topics)
                : Parsed.problem("must be a comma-separated list of topic names (letters, digits, '.', '_', '-')");
    }

    private static Parsed<String> topicName(String value) {
        return TOPIC.matcher(value).matches() ? Parsed.ok(value)
                : Parsed.problem("must be a topic name (letters, digits, '.', '_', '-')");
    }

    private static Parsed<String> optionalTopic(String value) {
        return value.isEmpty() ? Parsed.ok("") : topicName(value);
    }

    private static Parsed<String> dnsLabel(String value) {
        return PairKey.isDnsLabel(value) ? Parsed.ok(value)
                : Parsed.problem("must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)");
    }

    private static Parsed<String> optionalDnsLabel(String value) {
        return value.isEmpty() ? Parsed.ok("") : dnsLabel(value);
    }

    private static Parsed<SlotName> slotName(String value) {
        for (SlotName slot : SlotName.values()) {
            if (slot.label().equals(value.toLowerCase(Locale.ROOT))) {
                return Parsed.ok(slot);
            }
        }
        return Parsed.problem("must be one of blue, green");
    }

    private static Parsed<String> nonBlank(String value) {
        return Parsed.ok(value);
    }

    private static Parsed<Boolean> bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Parsed.ok(true);
            case "false" -> Parsed.ok(false);
            default -> Parsed.problem("must be true or false");
        };
    }

    private static Parsed<Integer> integer(String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return Parsed.ok(parsed);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return Parsed.problem("must be an integer from " + min + " to " + max);
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

    private static Parsed<String> processor(String value) {
        if (value.equals(SIDECAR_PROCESSOR)) {
            return Parsed.ok(SidecarProcessor.class.getName());
        }
        if (!CLASS_NAME.matcher(value).matches()) {
            return Parsed.problem("must be a fully qualified class name");
        }
        Class<?> type;
        try {
            type = Class.forName(value, false, WorkerConfig.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Parsed.problem("class not found");
        }
        if (!RecordProcessor.class.isAssignableFrom(type)) {
            return Parsed.problem("does not implement " + RecordProcessor.class.getName());
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            return Parsed.problem("has no public no-arg constructor");
        }
        return Parsed.ok(value);
    }
}
