package io.shadowscale.worker;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.worker.ConfigKey.Default;
import io.shadowscale.worker.ConfigKey.Parsed;
import io.shadowscale.worker.errors.ErrorPolicy;
import io.shadowscale.worker.example.ExampleProcessor;
import io.shadowscale.worker.processor.RecordProcessor;
import io.shadowscale.worker.sidecar.SidecarProcessor;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The worker's declared settings: every environment variable with its default, one line of doc
 * and the parser that checks one value alone (what is allowed is in its message). Checks that
 * take several keys together are {@link WorkerConfig#parse}'s.
 */
final class WorkerKeys {
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:,]+:\\d{1,5}");
    private static final Pattern CLASS_NAME =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    static final ConfigKey<String> BOOTSTRAP_SERVERS = new ConfigKey<>(
            "SHADOWSCALE_BOOTSTRAP_SERVERS",
            Default.required(),
            "Kafka bootstrap servers, host:port[,host:port...]",
            WorkerKeys::hostPorts);
    static final ConfigKey<List<String>> TOPICS = new ConfigKey<>(
            "SHADOWSCALE_TOPICS", Default.required(), "input topics, comma-separated", WorkerKeys::topicList);
    static final ConfigKey<String> PAIR_NAMESPACE = new ConfigKey<>(
            "SHADOWSCALE_PAIR_NAMESPACE",
            Default.fromVariable("POD_NAMESPACE"),
            "namespace of the pair (DNS-1123 label)",
            WorkerKeys::dnsLabel);
    static final ConfigKey<String> PAIR_NAME = new ConfigKey<>(
            "SHADOWSCALE_PAIR_NAME", Default.required(), "name of the pair (DNS-1123 label)", WorkerKeys::dnsLabel);
    static final ConfigKey<SlotName> SLOT = new ConfigKey<>(
            "SHADOWSCALE_SLOT", Default.required(), "this worker's slot: blue or green", WorkerKeys::slotName);
    static final ConfigKey<String> WORKER_ID = new ConfigKey<>(
            "SHADOWSCALE_WORKER_ID",
            Default.fromVariable("HOSTNAME"),
            "worker id in status messages and client ids (the pod name)",
            WorkerKeys::nonBlank);
    static final ConfigKey<String> ENVIRONMENT = new ConfigKey<>(
            "SHADOWSCALE_ENVIRONMENT",
            Default.optional(),
            "the Shadowscale environment (DNS-1123 label): control topic shadowscale.<environment>.control",
            WorkerKeys::optionalDnsLabel);
    static final ConfigKey<String> CONTROL_TOPIC = new ConfigKey<>(
            "SHADOWSCALE_CONTROL_TOPIC",
            Default.optional(),
            "control topic of the environment (default shadowscale.<environment>.control)",
            WorkerKeys::optionalTopic);
    static final ConfigKey<String> PROCESSOR = new ConfigKey<>(
            "SHADOWSCALE_PROCESSOR",
            Default.of(ExampleProcessor.class.getName()),
            "RecordProcessor class with a public no-arg constructor, "
                    + "or grpc: the sidecar mode (records to an application over gRPC)",
            WorkerKeys::processor);
    static final ConfigKey<String> OUTPUT_TOPIC = new ConfigKey<>(
            "SHADOWSCALE_OUTPUT_TOPIC",
            Default.optional(),
            "output topic of the shipped processors (required by the example processor)",
            WorkerKeys::optionalTopic);
    static final ConfigKey<Integer> HTTP_PORT = new ConfigKey<>(
            "SHADOWSCALE_HTTP_PORT",
            Default.of("8080"),
            "port of /healthz, /readyz and /metrics (0: any free port)",
            v -> integer(v, 0, 65_535));
    static final ConfigKey<Boolean> EXACTLY_ONCE = new ConfigKey<>(
            "SHADOWSCALE_EXACTLY_ONCE",
            Default.of("false"),
            "commit output and input offsets in one transaction per input partition",
            WorkerKeys::bool);
    static final ConfigKey<String> TRANSACTIONAL_ID_PREFIX = new ConfigKey<>(
            "SHADOWSCALE_TRANSACTIONAL_ID_PREFIX",
            Default.optional(),
            "prefix of the per-partition transactional ids (default shadowscale.<namespace>.<pair>)",
            v -> Parsed.ok(v));
    static final ConfigKey<Integer> POLL_TIMEOUT_MS = new ConfigKey<>(
            "SHADOWSCALE_POLL_TIMEOUT_MS",
            Default.of("20"),
            "longest consumer poll in ms; bounds how long a command waits",
            v -> integer(v, 1, 1_000));
    static final ConfigKey<Integer> STATUS_INTERVAL_MS = new ConfigKey<>(
            "SHADOWSCALE_STATUS_INTERVAL_MS",
            Default.of("1000"),
            "status heartbeat period in ms",
            v -> integer(v, 50, 60_000));
    static final ConfigKey<Integer> COMMIT_INTERVAL_MS = new ConfigKey<>(
            "SHADOWSCALE_COMMIT_INTERVAL_MS",
            Default.of("1000"),
            "asynchronous offset commit period in ms while ACTIVE",
            v -> integer(v, 10, 60_000));
    static final ConfigKey<Integer> READY_CHECK_INTERVAL_MS = new ConfigKey<>(
            "SHADOWSCALE_READY_CHECK_INTERVAL_MS",
            Default.of("500"),
            "how often a SHADOW worker checks group stability and re-positions, in ms",
            v -> integer(v, 50, 60_000));
    static final ConfigKey<Integer> MAX_POLL_RECORDS = new ConfigKey<>(
            "SHADOWSCALE_MAX_POLL_RECORDS", Default.of("500"), "Kafka max.poll.records", v -> integer(v, 1, 100_000));
    static final ConfigKey<Integer> PREFETCH_RECORDS = new ConfigKey<>(
            "SHADOWSCALE_PREFETCH_RECORDS",
            Default.of("10000"),
            "records per partition a ready SHADOW worker reads ahead of the barrier (0: off)",
            v -> integer(v, 0, 1_000_000));
    static final ConfigKey<Integer> SHUTDOWN_TIMEOUT_MS = new ConfigKey<>(
            "SHADOWSCALE_SHUTDOWN_TIMEOUT_MS",
            Default.of("10000"),
            "bound of a graceful stop in ms",
            v -> integer(v, 100, 600_000));
    static final ConfigKey<Integer> PROTOCOL_VERSION = new ConfigKey<>(
            "SHADOWSCALE_PROTOCOL_VERSION",
            Default.of("2"),
            "highest control protocol version the worker speaks (1: fence/barrier walks only, "
                    + "as during a rolling upgrade from a version-1 fleet)",
            v -> integer(v, 1, 2));
    static final ConfigKey<Integer> SIDECAR_PORT = new ConfigKey<>(
            "SHADOWSCALE_SIDECAR_PORT",
            Default.of("9191"),
            "sidecar mode: loopback port the application connects to (0: any free port)",
            v -> integer(v, 0, 65_535));
    static final ConfigKey<Integer> SIDECAR_MAX_UNACKED_RECORDS = new ConfigKey<>(
            "SHADOWSCALE_SIDECAR_MAX_UNACKED_RECORDS",
            Default.of("500"),
            "sidecar mode: most records of one partition sent to the application and not acked yet",
            v -> integer(v, 1, 100_000));
    static final ConfigKey<Integer> SIDECAR_ACK_TIMEOUT_MS = new ConfigKey<>(
            "SHADOWSCALE_SIDECAR_ACK_TIMEOUT_MS",
            Default.of("10000"),
            "sidecar mode: longest wait for the next ack in ms; then the stream is cut",
            v -> integer(v, 10, 600_000));
    static final ConfigKey<Integer> SIDECAR_RECONNECT_TIMEOUT_MS = new ConfigKey<>(
            "SHADOWSCALE_SIDECAR_RECONNECT_TIMEOUT_MS",
            Default.of("30000"),
            "sidecar mode: longest wait in ms for the application while records wait; then the poll loop stops",
            v -> integer(v, 10, 600_000));

    static final ConfigKey<ErrorPolicy.Action> ERROR_POLICY = new ConfigKey<>(
            "SHADOWSCALE_ERROR_POLICY",
            Default.of(ErrorPolicy.Action.DEAD_LETTER.label()),
            "a record the processor throws on: dead-letter (retried "
                    + "with backoff, then written to the dead-letter topic and skipped) or stop (the worker stops)",
            WorkerKeys::errorAction);
    static final ConfigKey<Integer> ERROR_RETRIES = new ConfigKey<>(
            "SHADOWSCALE_ERROR_RETRIES",
            Default.of("3"),
            "retries of a failed record before it is dead-lettered",
            v -> integer(v, 0, 100));
    static final ConfigKey<Integer> ERROR_BACKOFF_MS = new ConfigKey<>(
            "SHADOWSCALE_ERROR_BACKOFF_MS",
            Default.of("100"),
            "wait before the first retry in ms; each further retry waits twice as long",
            v -> integer(v, 0, 60_000));
    static final ConfigKey<Integer> ERROR_BACKOFF_MAX_MS = new ConfigKey<>(
            "SHADOWSCALE_ERROR_BACKOFF_MAX_MS",
            Default.of("1000"),
            "longest wait before one retry in ms",
            v -> integer(v, 0, 60_000));
    static final ConfigKey<String> DEAD_LETTER_TOPIC = new ConfigKey<>(
            "SHADOWSCALE_DEAD_LETTER_TOPIC",
            Default.optional(),
            "dead-letter topic (default shadowscale.<namespace>.<pair>.dlq)",
            WorkerKeys::optionalTopic);
    /** Longest a record may wait in backoff in all: the poll loop, and a fence with it, waits that long. */
    static final Duration MAX_RECORD_BACKOFF = Duration.ofSeconds(60);

    /** Every declared key, in documentation order. */
    static final List<ConfigKey<?>> ALL = List.of(
            BOOTSTRAP_SERVERS,
            TOPICS,
            PAIR_NAMESPACE,
            PAIR_NAME,
            SLOT,
            WORKER_ID,
            ENVIRONMENT,
            CONTROL_TOPIC,
            PROCESSOR,
            OUTPUT_TOPIC,
            HTTP_PORT,
            EXACTLY_ONCE,
            TRANSACTIONAL_ID_PREFIX,
            POLL_TIMEOUT_MS,
            STATUS_INTERVAL_MS,
            COMMIT_INTERVAL_MS,
            READY_CHECK_INTERVAL_MS,
            MAX_POLL_RECORDS,
            PREFETCH_RECORDS,
            SHUTDOWN_TIMEOUT_MS,
            PROTOCOL_VERSION,
            SIDECAR_PORT,
            SIDECAR_MAX_UNACKED_RECORDS,
            SIDECAR_ACK_TIMEOUT_MS,
            SIDECAR_RECONNECT_TIMEOUT_MS,
            ERROR_POLICY,
            ERROR_RETRIES,
            ERROR_BACKOFF_MS,
            ERROR_BACKOFF_MAX_MS,
            DEAD_LETTER_TOPIC);

    private WorkerKeys() {}

    private static Parsed<ErrorPolicy.Action> errorAction(String value) {
        return ErrorPolicy.Action.parse(value)
                .map(Parsed::ok)
                .orElseGet(() -> Parsed.problem("must be one of dead-letter, stop"));
    }

    private static Parsed<String> hostPorts(String value) {
        boolean ok = Arrays.stream(value.split(",", -1))
                .map(String::trim)
                .allMatch(s -> HOST_PORT.matcher(s).matches());
        return ok ? Parsed.ok(value) : Parsed.problem("must be a comma-separated list of host:port");
    }

    private static Parsed<List<String>> topicList(String value) {
        List<String> topics =
                Arrays.stream(value.split(",", -1)).map(String::trim).toList();
        return topics.stream().allMatch(t -> TOPIC.matcher(t).matches())
                ? Parsed.ok(topics)
                : Parsed.problem("must be a comma-separated list of topic names (letters, digits, '.', '_', '-')");
    }

    private static Parsed<String> topicName(String value) {
        return TOPIC.matcher(value).matches()
                ? Parsed.ok(value)
                : Parsed.problem("must be a topic name (letters, digits, '.', '_', '-')");
    }

    private static Parsed<String> optionalTopic(String value) {
        return value.isEmpty() ? Parsed.ok("") : topicName(value);
    }

    private static Parsed<String> dnsLabel(String value) {
        return PairKey.isDnsLabel(value)
                ? Parsed.ok(value)
                : Parsed.problem(
                        "must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)");
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

    private static Parsed<String> processor(String value) {
        if (value.equals(WorkerConfig.SIDECAR_PROCESSOR)) {
            return Parsed.ok(SidecarProcessor.class.getName());
        }
        if (!CLASS_NAME.matcher(value).matches()) {
            return Parsed.problem("must be a fully qualified class name");
        }
        Class<?> type;
        try {
            type = Class.forName(value, false, WorkerKeys.class.getClassLoader());
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
