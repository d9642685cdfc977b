package io.shadowscale.scaler.config;

import io.shadowscale.control.Secrets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The scaler process's own configuration, from environment variables and {@code --flag=value}
 * arguments (a flag overrides the variable: {@code --grpc-port=9091} is
 * {@code SHADOWSCALE_GRPC_PORT=9091}). Every {@code SHADOWSCALE_KAFKA_<X>} variable is passed to
 * the Kafka clients as property {@code <x>} (lower case, {@code _} becomes {@code .}); their values
 * are never logged when the key is sensitive ({@link Secrets}). Unknown {@code SHADOWSCALE_*} names are
 * refused (typo protection). An environment ({@code SHADOWSCALE_ENVIRONMENT}) or both topics are
 * required, so two environments on one Kafka cluster never share control or state topics.
 *
 * @param bootstrapServers the Kafka cluster the pairs consume from
 * @param kafka extra Kafka client properties (secrets possible: never print the values)
 * @param grpcPort port of the KEDA-facing gRPC server (0 = any free port)
 * @param adminPort port of the admin HTTP endpoint (0 = any free port)
 * @param controlTopic the control topic (commands down, status up): {@code SHADOWSCALE_CONTROL_TOPIC}, or
 *     {@code shadowscale.<environment>.control} from {@code SHADOWSCALE_ENVIRONMENT}
 * @param stateTopic the compacted state topic (one record per pair), likewise {@code shadowscale.<environment>.state}
 * @param allowedNamespaces namespaces whose ScaledObjects are served; empty = all
 * @param tls the server's TLS files, when TLS is on
 * @param leaderElection whether to take a Kubernetes Lease before acting
 * @param leaseName the Lease's name
 * @param leaseTimings the Lease's duration, renew deadline and retry period
 * @param podNamespace this pod's namespace (the Lease's namespace)
 * @param podName this pod's name (the Lease holder identity)
 * @param operator the operator endpoint (resize, pause, resume, rollback), when turned on
 */
public record ScalerConfig(
        String bootstrapServers,
        Map<String, String> kafka,
        int grpcPort,
        int adminPort,
        String controlTopic,
        String stateTopic,
        Set<String> allowedNamespaces,
        Optional<TlsFiles> tls,
        boolean leaderElection,
        String leaseName,
        LeaseTimings leaseTimings,
        Optional<String> podNamespace,
        Optional<String> podName,
        Optional<OperatorAccess> operator) {

    public static final String PREFIX = "SHADOWSCALE_";
    public static final String KAFKA_PREFIX = PREFIX + "KAFKA_";

    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.required(
            PREFIX + "BOOTSTRAP_SERVERS",
            "Kafka bootstrap servers",
            "a comma-separated list of host:port",
            ScalerConfigParser::hostPorts);
    public static final Setting<Integer> GRPC_PORT = port("GRPC_PORT", "port of the KEDA-facing gRPC server", 9090);
    public static final Setting<Integer> ADMIN_PORT = port("ADMIN_PORT", "port of the admin HTTP endpoint", 8081);
    public static final Setting<String> ENVIRONMENT = Setting.optional(
            PREFIX + "ENVIRONMENT",
            "the Shadowscale environment: topics shadowscale.<environment>.control and .state",
            "",
            "a DNS-1123 label",
            Parsers::dnsLabel);
    public static final Setting<String> CONTROL_TOPIC =
            topic("CONTROL_TOPIC", "the control topic (default shadowscale.<environment>.control)");
    public static final Setting<String> STATE_TOPIC =
            topic("STATE_TOPIC", "the compacted pair state topic (default shadowscale.<environment>.state)");
    public static final Setting<List<String>> ALLOWED_NAMESPACES = Setting.optional(
            PREFIX + "ALLOWED_NAMESPACES",
            "namespaces served (empty = all)",
            List.of(),
            "a comma-separated list of DNS-1123 labels",
            Parsers::dnsLabels);
    public static final Setting<Path> TLS_CERT = file("TLS_CERT", "PEM certificate chain of the gRPC server");
    public static final Setting<Path> TLS_KEY = file("TLS_KEY", "PEM PKCS#8 private key of the gRPC server");
    public static final Setting<Path> TLS_CA =
            file("TLS_CA", "PEM CA bundle; when set, clients must present a certificate it signed");
    public static final Setting<Boolean> LEADER_ELECTION = Setting.optional(
            PREFIX + "LEADER_ELECTION",
            "take a Kubernetes Lease before acting",
            false,
            "true or false",
            Parsers.bool());
    public static final Setting<String> LEASE_NAME = Setting.optional(
            PREFIX + "LEASE_NAME",
            "name of the leader election Lease",
            "shadowscale-scaler",
            "a DNS-1123 subdomain",
            Parsers::dnsSubdomain);
    public static final Setting<Integer> LEASE_DURATION = leaseSeconds(
            "LEASE_DURATION_SECONDS",
            "how long a standby waits before it takes a Lease its holder did not renew",
            LeaseTimings.DEFAULT.leaseSeconds());
    public static final Setting<Integer> LEASE_RENEW_DEADLINE = leaseSeconds(
            "LEASE_RENEW_DEADLINE_SECONDS",
            "how long the leader keeps trying to renew the Lease before it steps down",
            LeaseTimings.DEFAULT.renewDeadlineSeconds());
    public static final Setting<Integer> LEASE_RETRY_PERIOD = leaseSeconds(
            "LEASE_RETRY_PERIOD_SECONDS",
            "how often a replica tries to take or renew the Lease",
            LeaseTimings.DEFAULT.retryPeriodSeconds());
    public static final Setting<String> POD_NAMESPACE = Setting.optional(
            PREFIX + "POD_NAMESPACE", "this pod's namespace (downward API)", "", "a DNS-1123 label", Parsers::dnsLabel);
    public static final Setting<String> POD_NAME = Setting.optional(
            PREFIX + "POD_NAME", "this pod's name (downward API)", "", "a DNS-1123 subdomain", Parsers::dnsSubdomain);

    public static final Setting<Integer> OPERATOR_PORT = Setting.optional(
            PREFIX + "OPERATOR_PORT",
            "port of the operator HTTP endpoint (resize, pause, resume, rollback; bearer tokens), -1 = off",
            -1,
            "an integer in [-1, 65535]",
            Parsers.intIn(-1, 65_535));
    public static final Setting<Path> OPERATOR_TOKENS_FILE = file(
            "OPERATOR_TOKENS_FILE",
            "file of <caller>:<token> lines allowed on the operator endpoint (a mounted Secret)");
    public static final Setting<String> OPERATOR_TOKENS = Setting.optional(
            PREFIX + "OPERATOR_TOKENS",
            "the same <caller>:<token> lines in the variable (a Secret key)",
            "",
            "<caller>:<token> lines",
            raw -> raw);

    public static final List<Setting<?>> SETTINGS = List.of(
            BOOTSTRAP_SERVERS,
            GRPC_PORT,
            ADMIN_PORT,
            ENVIRONMENT,
            CONTROL_TOPIC,
            STATE_TOPIC,
            ALLOWED_NAMESPACES,
            TLS_CERT,
            TLS_KEY,
            TLS_CA,
            LEADER_ELECTION,
            LEASE_NAME,
            LEASE_DURATION,
            LEASE_RENEW_DEADLINE,
            LEASE_RETRY_PERIOD,
            POD_NAMESPACE,
            POD_NAME,
            OPERATOR_PORT,
            OPERATOR_TOKENS_FILE,
            OPERATOR_TOKENS);

    /** An optional {@code SHADOWSCALE_<name>} Lease timing in whole seconds. */
    private static Setting<Integer> leaseSeconds(String name, String doc, int defaultSeconds) {
        return Setting.optional(PREFIX + name, doc, defaultSeconds, "an integer in [1, 3600]", Parsers.intIn(1, 3600));
    }

    /** An optional {@code SHADOWSCALE_<name>} port, 0 for any free one. */
    private static Setting<Integer> port(String name, String doc, int defaultPort) {
        return Setting.optional(PREFIX + name, doc, defaultPort, "an integer in [0, 65535]", Parsers.intIn(0, 65_535));
    }

    /** An optional {@code SHADOWSCALE_<name>} topic, empty by default. */
    private static Setting<String> topic(String name, String doc) {
        return Setting.optional(PREFIX + name, doc, "", "a Kafka topic name", ScalerConfigParser::topic);
    }

    /** An optional {@code SHADOWSCALE_<name>} file, unset by default. */
    private static Setting<Path> file(String name, String doc) {
        return Setting.optional(PREFIX + name, doc, Path.of(""), "a readable file", ScalerConfigParser::readableFile);
    }

    /** The server's PEM files; a CA turns on mutual TLS (client certificates required and verified). */
    public record TlsFiles(Path certChain, Path privateKey, Optional<Path> clientCa) {
        public TlsFiles {
            Objects.requireNonNull(certChain, "certChain");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(clientCa, "clientCa");
        }

        public boolean mutual() {
            return clientCa.isPresent();
        }
    }

    public ScalerConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        kafka = Map.copyOf(kafka);
        allowedNamespaces = Set.copyOf(allowedNamespaces);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(podNamespace, "podNamespace");
        Objects.requireNonNull(podName, "podName");
        Objects.requireNonNull(operator, "operator");
    }

    /**
     * Reads the configuration from {@code env} overridden by {@code args}.
     *
     * @throws ConfigException naming every problem at once
     */
    public static ScalerConfig parse(Map<String, String> env, List<String> args) {
        return ScalerConfigParser.parse(env, args);
    }

    /** The Kafka client properties: {@code bootstrap.servers} plus every pass-through property. */
    public Map<String, Object> kafkaClientProperties() {
        Map<String, Object> props = new TreeMap<>(kafka);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    /** Whether ScaledObjects of {@code namespace} may use this scaler. */
    public boolean namespaceAllowed(String namespace) {
        return allowedNamespaces.isEmpty() || allowedNamespaces.contains(namespace);
    }

    /** One line per setting with its doc and default, for {@code --help}. */
    public static String usage() {
        StringBuilder out = new StringBuilder("Settings (env var, or --flag=value with the name after " + PREFIX
                + " in lower case and '-' for '_'):\n");
        for (Setting<?> s : SETTINGS) {
            out.append(String.format(
                    "  %-36s %s (%s%s)%n",
                    s.key(),
                    s.doc(),
                    s.allowed(),
                    s.isRequired() ? ", required" : ", default '" + s.defaultValue() + "'"));
        }
        out.append(String.format(
                "  %-36s %s%n",
                KAFKA_PREFIX + "<X>", "Kafka client property x (lower case, '_' -> '.'), values never logged"));
        return out.toString();
    }

    /**
     * The effective settings as {@code KEY=value} lines for the log ({@code configuration: ...}),
     * pass-through Kafka properties as {@code SHADOWSCALE_KAFKA_<X>}; values of sensitive keys
     * (passwords, JAAS, secrets, tokens, private keys: see {@link Secrets}) are masked.
     */
    public List<String> describe() {
        Map<String, String> shown = new TreeMap<>();
        shown.put(BOOTSTRAP_SERVERS.key(), bootstrapServers);
        shown.put(GRPC_PORT.key(), Integer.toString(grpcPort));
        shown.put(ADMIN_PORT.key(), Integer.toString(adminPort));
        shown.put(CONTROL_TOPIC.key(), controlTopic);
        shown.put(STATE_TOPIC.key(), stateTopic);
        shown.put(ALLOWED_NAMESPACES.key(), String.join(",", new TreeSet<>(allowedNamespaces)));
        shown.put(TLS_CERT.key(), tls.map(t -> t.certChain().toString()).orElse(""));
        shown.put(TLS_KEY.key(), tls.map(t -> t.privateKey().toString()).orElse(""));
        shown.put(
                TLS_CA.key(),
                tls.flatMap(TlsFiles::clientCa).map(Path::toString).orElse(""));
        shown.put(LEADER_ELECTION.key(), Boolean.toString(leaderElection));
        shown.put(LEASE_NAME.key(), leaseName);
        shown.put(LEASE_DURATION.key(), Integer.toString(leaseTimings.leaseSeconds()));
        shown.put(LEASE_RENEW_DEADLINE.key(), Integer.toString(leaseTimings.renewDeadlineSeconds()));
        shown.put(LEASE_RETRY_PERIOD.key(), Integer.toString(leaseTimings.retryPeriodSeconds()));
        shown.put(POD_NAMESPACE.key(), podNamespace.orElse(""));
        shown.put(POD_NAME.key(), podName.orElse(""));
        shown.put(
                OPERATOR_PORT.key(),
                Integer.toString(operator.map(OperatorAccess::port).orElse(-1)));
        shown.put(
                "SHADOWSCALE_OPERATOR_CALLERS",
                operator.map(o -> String.join(",", new TreeSet<>(o.tokens().keySet())))
                        .orElse(""));
        shown.replaceAll((key, value) -> key.equals(TLS_KEY.key()) ? value : Secrets.shown(key, value));
        kafka.forEach((property, value) -> shown.put(
                KAFKA_PREFIX + property.toUpperCase(Locale.ROOT).replace('.', '_'), Secrets.shown(property, value)));
        return shown.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
    }

    /** The redactor of this configuration's secrets (Kafka passwords, JAAS logins), for error messages. */
    public Secrets secrets() {
        return Secrets.of(kafka);
    }

    /** Never prints secret values (see {@link #describe()}). */
    @Override
    public String toString() {
        return "ScalerConfig" + describe();
    }
}
