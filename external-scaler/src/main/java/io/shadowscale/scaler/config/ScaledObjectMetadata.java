package io.shadowscale.scaler.config;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.PolicySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one ScaledObject's {@code external} trigger says, parsed from KEDA's
 * {@code ScaledObjectRef.scalerMetadata}. Every key is declared below; KEDA's own keys are
 * accepted and ignored; any other key is refused (typo protection). A key may also be given as
 * {@code <key>FromEnv}: KEDA resolves it from the target's container env and passes the value.
 *
 * <pre>
 * triggers:
 * - type: external-push
 *   metadata:
 *     scalerAddress: shadowscale-scaler.shadowscale:9090
 *     pair: orders          # both ScaledObjects of the pair
 *     slot: blue            # the other one says green
 *     topics: orders,refunds
 *     deployment: orders-blue
 *     maxReplicas: "12"
 * </pre>
 *
 * @param pair the pair (namespace from the ScaledObject, name from {@code pair})
 * @param slot which slot of the pair this ScaledObject scales
 * @param topics the pair's input topics, sorted
 * @param deployment the slot's Deployment, when given
 * @param policy the pair's scaling settings
 */
public record ScaledObjectMetadata(
        PairKey pair, SlotName slot, List<String> topics, Optional<String> deployment, PolicySettings policy) {

    private static final PolicySettings D = PolicySettings.DEFAULTS;

    /** Name of the pair, shared by both of its ScaledObjects. */
    public static final Setting<String> PAIR = Setting.required(
            "pair",
            "name of the pair this slot belongs to",
            "a DNS-1123 label (a-z, 0-9, '-', at most 63)",
            Parsers::dnsLabel);
    /** Which slot this ScaledObject scales. */
    public static final Setting<SlotName> SLOT =
            Setting.required("slot", "the slot this ScaledObject scales", "one of: blue, green", SlotName::parse);
    /** The pair's input topics. */
    public static final Setting<List<String>> TOPICS = Setting.required(
            "topics",
            "the pair's input topics",
            "a comma-separated list of distinct Kafka topic names",
            Parsers::topics);
    /** The Deployment the ScaledObject targets (for readiness checks). */
    public static final Setting<String> DEPLOYMENT = Setting.optional(
            "deployment", "the slot's Deployment name", "", "a DNS-1123 subdomain", Parsers::dnsSubdomain);

    public static final Setting<Double> WORKER_CAPACITY = Setting.decimal(
            "workerCapacity",
            "records/s one worker sustains; 0 = learn from observed throughput",
            D.workerCapacity(),
            0,
            1_000_000_000);
    public static final Setting<Integer> MIN_REPLICAS =
            Setting.integer("minReplicas", "fewest workers while the pair runs", D.minReplicas(), 1, 10_000);
    public static final Setting<Integer> MAX_REPLICAS =
            Setting.integer("maxReplicas", "most workers; 0 = the partition count", D.maxReplicas(), 0, 10_000);
    public static final Setting<Double> HEADROOM =
            Setting.decimal("headroom", "extra capacity over the input rate, as a fraction", D.headroom(), 0, 10);
    public static final Setting<Duration> LAG_TARGET =
            Setting.seconds("lagTargetSeconds", "drain any backlog within this many seconds", D.lagTarget(), 1, 86_400);
    public static final Setting<Duration> SCALE_UP_DELAY = Setting.seconds(
            "scaleUpDelaySeconds", "how long a higher need must last before growing", D.scaleUpDelay(), 0, 86_400);
    public static final Setting<Duration> SCALE_DOWN_DELAY = Setting.seconds(
            "scaleDownDelaySeconds",
            "the longest a lower need must last before shrinking",
            D.scaleDownDelay(),
            0,
            86_400);
    public static final Setting<Duration> WARMUP_TIMEOUT = Setting.seconds(
            "warmupTimeoutSeconds", "how long a waking slot may take to become ready", D.warmupTimeout(), 1, 86_400);
    public static final Setting<Duration> FENCE_TIMEOUT = Setting.seconds(
            "fenceTimeoutSeconds", "how long to wait for fence answers at a cutover", D.fenceTimeout(), 1, 3_600);
    public static final Setting<Boolean> FORECAST = Setting.optional(
            "forecast",
            "learn the daily and weekly traffic shape and walk ahead of forecast rises (used once a day is observed)",
            D.forecast(),
            "true or false",
            Parsers.bool());
    public static final Setting<Duration> FORECAST_LEAD = Setting.seconds(
            "forecastLeadSeconds",
            "a forecast rise due within this many seconds starts a walk now",
            D.forecastLead(),
            0,
            3_600);
    public static final Setting<Duration> WALK_WARMUP = Setting.seconds(
            "walkWarmupSeconds",
            "expected warm-up of a walk's new slot: a walk is priced at its replicas for this long plus a handoff",
            D.walkWarmup(),
            0,
            3_600);

    /** The policy keys: both ScaledObjects of a pair must agree on these (and on {@code topics}). */
    public static final List<Setting<?>> POLICY_SETTINGS = List.of(
            WORKER_CAPACITY,
            MIN_REPLICAS,
            MAX_REPLICAS,
            HEADROOM,
            LAG_TARGET,
            SCALE_UP_DELAY,
            SCALE_DOWN_DELAY,
            WARMUP_TIMEOUT,
            FENCE_TIMEOUT,
            FORECAST,
            FORECAST_LEAD,
            WALK_WARMUP);

    /** Every key this scaler reads, in documentation order: the slot's own keys, then the policy keys. */
    public static final List<Setting<?>> SETTINGS = Stream.concat(
                    Stream.of(PAIR, SLOT, TOPICS, DEPLOYMENT), POLICY_SETTINGS.stream())
            .toList();

    /**
     * Keys KEDA itself reads for {@code external}/{@code external-push} triggers and passes along
     * with the rest of the metadata: accepted and ignored.
     */
    public static final Set<String> KEDA_KEYS =
            Set.of("scalerAddress", "enableTLS", "unsafeSsl", "tlsCertFile", "caCert", "tlsClientCert", "tlsClientKey");

    /** Suffix of keys whose value KEDA resolved from the target's environment. */
    public static final String FROM_ENV = "FromEnv";

    private static final String ALLOWED_KEYS =
            SETTINGS.stream().map(Setting::key).collect(Collectors.joining(", "))
                    + " (each also as <key>" + FROM_ENV + "), and KEDA's "
                    + new TreeSet<>(KEDA_KEYS).stream().collect(Collectors.joining(", "));

    public ScaledObjectMetadata {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(policy, "policy");
        topics = List.copyOf(topics);
    }

    /**
     * Parses one ScaledObject's metadata.
     *
     * @param namespace the ScaledObject's namespace (becomes the pair's namespace)
     * @param name the ScaledObject's name (only for messages)
     * @throws MetadataException naming every problem at once
     */
    public static ScaledObjectMetadata parse(String namespace, String name, Map<String, String> metadata) {
        List<String> keyProblems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> known = SETTINGS.stream().map(Setting::key).collect(Collectors.toSet());
        for (String key : new TreeSet<>(metadata.keySet())) {
            String value = metadata.get(key);
            if (KEDA_KEYS.contains(key)) {
                continue;
            }
            String base = key.endsWith(FROM_ENV) ? key.substring(0, key.length() - FROM_ENV.length()) : key;
            if (!known.contains(base)) {
                keyProblems.add("unknown key " + Problems.quote(key) + "; allowed keys: " + ALLOWED_KEYS);
            } else if (!base.equals(key) && metadata.containsKey(base)) {
                keyProblems.add(base + ": given both as " + base + " and " + key + "; use one");
            } else {
                values.put(base, value);
            }
        }
        Problems problems = new Problems(values);
        keyProblems.forEach(problems::add);
        if (!PairKey.isDnsLabel(namespace)) {
            problems.add("namespace " + Problems.quote(namespace) + ": expected a DNS-1123 label");
        }
        String pairName = problems.read(PAIR);
        SlotName slot = problems.read(SLOT);
        List<String> topics = problems.read(TOPICS);
        String deployment = problems.read(DEPLOYMENT);
        PolicySettings.Builder policy = PolicySettings.builder().workerCapacity(problems.read(WORKER_CAPACITY));
        int min = problems.read(MIN_REPLICAS);
        int max = problems.read(MAX_REPLICAS);
        policy.minReplicas(min)
                .maxReplicas(max)
                .headroom(problems.read(HEADROOM))
                .lagTarget(problems.read(LAG_TARGET))
                .scaleUpDelay(problems.read(SCALE_UP_DELAY))
                .scaleDownDelay(problems.read(SCALE_DOWN_DELAY))
                .warmupTimeout(problems.read(WARMUP_TIMEOUT))
                .fenceTimeout(problems.read(FENCE_TIMEOUT))
                .forecast(problems.read(FORECAST))
                .forecastLead(problems.read(FORECAST_LEAD))
                .walkWarmup(problems.read(WALK_WARMUP));
        if (max != 0 && max < min) {
            problems.add("maxReplicas=" + max + " is below minReplicas=" + min
                    + ": expected 0 (the partition count) or at least minReplicas");
        }
        if (!problems.isEmpty()) {
            throw new MetadataException(namespace + "/" + name, problems.list());
        }
        return new ScaledObjectMetadata(
                new PairKey(namespace, pairName),
                slot,
                topics,
                deployment.isEmpty() ? Optional.empty() : Optional.of(deployment),
                policy.build());
    }

    /** The one metric this slot's ScaledObject reports: {@code shadowscale-<namespace>-<pair>-<slot>}. */
    public String metricName() {
        return "shadowscale-" + pair.namespace() + "-" + pair.name() + "-" + slot.label();
    }

    /**
     * The keys on which this slot and the other slot of the same pair disagree ({@code topics} and
     * the policy keys; {@code slot} and {@code deployment} differ by design).
     */
    public List<String> differingKeys(ScaledObjectMetadata other) {
        List<String> keys = new ArrayList<>();
        if (!topics.equals(other.topics)) {
            keys.add(TOPICS.key());
        }
        PolicySettings a = policy;
        PolicySettings b = other.policy;
        Stream.of(
                        Map.entry(WORKER_CAPACITY, a.workerCapacity() == b.workerCapacity()),
                        Map.entry(MIN_REPLICAS, a.minReplicas() == b.minReplicas()),
                        Map.entry(MAX_REPLICAS, a.maxReplicas() == b.maxReplicas()),
                        Map.entry(HEADROOM, a.headroom() == b.headroom()),
                        Map.entry(LAG_TARGET, a.lagTarget().equals(b.lagTarget())),
                        Map.entry(SCALE_UP_DELAY, a.scaleUpDelay().equals(b.scaleUpDelay())),
                        Map.entry(SCALE_DOWN_DELAY, a.scaleDownDelay().equals(b.scaleDownDelay())),
                        Map.entry(WARMUP_TIMEOUT, a.warmupTimeout().equals(b.warmupTimeout())),
                        Map.entry(FENCE_TIMEOUT, a.fenceTimeout().equals(b.fenceTimeout())),
                        Map.entry(FORECAST, a.forecast() == b.forecast()),
                        Map.entry(FORECAST_LEAD, a.forecastLead().equals(b.forecastLead())),
                        Map.entry(WALK_WARMUP, a.walkWarmup().equals(b.walkWarmup())))
                .filter(e -> !e.getValue())
                .forEach(e -> keys.add(e.getKey().key()));
        return keys;
    }
}
