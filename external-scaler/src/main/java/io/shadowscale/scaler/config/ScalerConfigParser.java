package io.shadowscale.scaler.config;

import static io.shadowscale.scaler.config.ScalerConfig.ADMIN_PORT;
import static io.shadowscale.scaler.config.ScalerConfig.ALLOWED_NAMESPACES;
import static io.shadowscale.scaler.config.ScalerConfig.BOOTSTRAP_SERVERS;
import static io.shadowscale.scaler.config.ScalerConfig.CONTROL_TOPIC;
import static io.shadowscale.scaler.config.ScalerConfig.ENVIRONMENT;
import static io.shadowscale.scaler.config.ScalerConfig.GRPC_PORT;
import static io.shadowscale.scaler.config.ScalerConfig.KAFKA_PREFIX;
import static io.shadowscale.scaler.config.ScalerConfig.LEADER_ELECTION;
import static io.shadowscale.scaler.config.ScalerConfig.LEASE_DURATION;
import static io.shadowscale.scaler.config.ScalerConfig.LEASE_NAME;
import static io.shadowscale.scaler.config.ScalerConfig.LEASE_RENEW_DEADLINE;
import static io.shadowscale.scaler.config.ScalerConfig.LEASE_RETRY_PERIOD;
import static io.shadowscale.scaler.config.ScalerConfig.OPERATOR_PORT;
import static io.shadowscale.scaler.config.ScalerConfig.OPERATOR_TOKENS;
import static io.shadowscale.scaler.config.ScalerConfig.OPERATOR_TOKENS_FILE;
import static io.shadowscale.scaler.config.ScalerConfig.POD_NAME;
import static io.shadowscale.scaler.config.ScalerConfig.POD_NAMESPACE;
import static io.shadowscale.scaler.config.ScalerConfig.PREFIX;
import static io.shadowscale.scaler.config.ScalerConfig.SETTINGS;
import static io.shadowscale.scaler.config.ScalerConfig.STATE_TOPIC;
import static io.shadowscale.scaler.config.ScalerConfig.TLS_CA;
import static io.shadowscale.scaler.config.ScalerConfig.TLS_CERT;
import static io.shadowscale.scaler.config.ScalerConfig.TLS_KEY;

import io.shadowscale.control.ControlTopics;
import io.shadowscale.control.Secrets;
import io.shadowscale.scaler.config.ScalerConfig.TlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the environment and {@code --flag=value} arguments into a {@link ScalerConfig}: reads each
 * setting declared there, checks the rules between settings (environment or both topics, distinct
 * ports and topics, TLS files in pairs, leader election's pod identity) and reports every problem at
 * once. Also holds the validators the declarations use.
 */
final class ScalerConfigParser {
    private static final Pattern HOST_PORT_LIST =
            Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}(,[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5})*");

    private ScalerConfigParser() {}

    /** See {@link ScalerConfig#parse(Map, List)}. */
    static ScalerConfig parse(Map<String, String> env, List<String> args) {
        Map<String, String> values = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                values.put(k, v);
            }
        });
        Problems problems = new Problems(Map.of());
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? "" : arg.substring(2, eq);
            if (!arg.startsWith("--") || eq < 0 || !name.matches("[a-z0-9][a-z0-9-.]*")) {
                problems.add("argument " + Problems.quote(maskedArgument(arg, eq))
                        + ": expected --name=value, e.g. --grpc-port=9090");
                continue;
            }
            values.put(
                    PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_'), arg.substring(eq + 1));
        }
        Set<String> known = SETTINGS.stream().map(Setting::key).collect(Collectors.toSet());
        Map<String, String> kafka = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length()) {
                String property = key.substring(KAFKA_PREFIX.length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.');
                if (property.equals("bootstrap.servers")) {
                    problems.add(key + ": use " + BOOTSTRAP_SERVERS.key() + " instead");
                } else {
                    kafka.put(property, e.getValue());
                }
            } else if (!known.contains(key)) {
                problems.add("unknown setting " + Problems.quote(key) + "; allowed: "
                        + SETTINGS.stream().map(Setting::key).collect(Collectors.joining(", "))
                        + ", " + KAFKA_PREFIX + "<PROPERTY>");
            }
        }
        Problems reader = new Problems(values);
        String bootstrap = reader.read(BOOTSTRAP_SERVERS);
        int grpcPort = reader.read(GRPC_PORT);
        int adminPort = reader.read(ADMIN_PORT);
        String environment = reader.read(ENVIRONMENT);
        String controlTopic = reader.read(CONTROL_TOPIC);
        String stateTopic = reader.read(STATE_TOPIC);
        List<String> namespaces = reader.read(ALLOWED_NAMESPACES);
        Optional<Path> cert = reader.readOptional(TLS_CERT);
        Optional<Path> key = reader.readOptional(TLS_KEY);
        Optional<Path> ca = reader.readOptional(TLS_CA);
        boolean leaderElection = reader.read(LEADER_ELECTION);
        String leaseName = reader.read(LEASE_NAME);
        int leaseSeconds = reader.read(LEASE_DURATION);
        int renewSeconds = reader.read(LEASE_RENEW_DEADLINE);
        int retrySeconds = reader.read(LEASE_RETRY_PERIOD);
        Optional<String> podNamespace = reader.readOptional(POD_NAMESPACE);
        Optional<String> podName = reader.readOptional(POD_NAME);
        int operatorPort = reader.read(OPERATOR_PORT);
        Optional<Path> tokensFile = reader.readOptional(OPERATOR_TOKENS_FILE);
        reader.list().forEach(problems::add);
        Optional<OperatorAccess> operator = OperatorSettings.read(
                operatorPort,
                tokensFile,
                isSet(values, OPERATOR_TOKENS) ? Optional.of(values.get(OPERATOR_TOKENS.key())) : Optional.empty(),
                grpcPort,
                adminPort,
                problems::add);

        // two environments on one Kafka cluster must never share topics: no silent shared default
        boolean environmentGiven = isSet(values, ENVIRONMENT);
        if (!environmentGiven && !(isSet(values, CONTROL_TOPIC) && isSet(values, STATE_TOPIC))) {
            problems.add(ENVIRONMENT.key() + ": missing; required unless " + CONTROL_TOPIC.key() + " and "
                    + STATE_TOPIC.key() + " are both set, " + ENVIRONMENT.allowed()
                    + " (topics shadowscale.<environment>.control and .state)");
        } else if (environmentGiven && !environment.isEmpty()) {
            ControlTopics derived = ControlTopics.forEnvironment(environment);
            controlTopic = isSet(values, CONTROL_TOPIC) ? controlTopic : derived.control();
            stateTopic = isSet(values, STATE_TOPIC) ? stateTopic : derived.state();
        }

        if (grpcPort != 0 && grpcPort == adminPort) {
            problems.add(GRPC_PORT.key() + " and " + ADMIN_PORT.key() + " are both " + grpcPort
                    + ": expected different ports");
        }
        if (controlTopic != null && !controlTopic.isEmpty() && controlTopic.equals(stateTopic)) {
            problems.add(CONTROL_TOPIC.key() + " and " + STATE_TOPIC.key() + " are both " + Problems.quote(controlTopic)
                    + ": expected different topics");
        }
        boolean certGiven = isSet(values, TLS_CERT);
        boolean keyGiven = isSet(values, TLS_KEY);
        if (certGiven != keyGiven) {
            problems.add(TLS_CERT.key() + " and " + TLS_KEY.key() + ": expected both or neither");
        }
        if (isSet(values, TLS_CA) && !(certGiven && keyGiven)) {
            problems.add(TLS_CA.key() + ": mutual TLS needs " + TLS_CERT.key() + " and " + TLS_KEY.key() + " too");
        }
        if (!(leaseSeconds > renewSeconds && renewSeconds > retrySeconds)) {
            problems.add(LEASE_DURATION.key() + "=" + leaseSeconds + ", " + LEASE_RENEW_DEADLINE.key() + "="
                    + renewSeconds + ", " + LEASE_RETRY_PERIOD.key() + "=" + retrySeconds
                    + ": expected lease duration > renew deadline > retry period");
        }
        if (leaderElection) {
            for (Setting<String> needed : List.of(POD_NAMESPACE, POD_NAME)) {
                if (!isSet(values, needed)) {
                    problems.add(needed.key() + ": missing; required when " + LEADER_ELECTION.key() + "=true, "
                            + needed.allowed());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.list());
        }
        Optional<TlsFiles> tls = cert.isPresent() && key.isPresent()
                ? Optional.of(new TlsFiles(cert.get(), key.get(), ca))
                : Optional.empty();
        return new ScalerConfig(
                bootstrap,
                kafka,
                grpcPort,
                adminPort,
                controlTopic,
                stateTopic,
                Set.copyOf(namespaces),
                tls,
                leaderElection,
                leaseName,
                new LeaseTimings(leaseSeconds, renewSeconds, retrySeconds),
                podNamespace,
                podName,
                operator);
    }

    /** An argument as it may be quoted in a problem: the value masked when its name is sensitive. */
    private static String maskedArgument(String arg, int eq) {
        if (eq < 0) {
            return Secrets.looksSecret(arg) ? Secrets.MASK : arg;
        }
        String name = arg.substring(0, eq);
        return name + "=" + Secrets.shown(name, arg.substring(eq + 1));
    }

    private static boolean isSet(Map<String, String> values, Setting<?> setting) {
        String v = values.get(setting.key());
        return v != null && !v.isBlank();
    }

    static String hostPorts(String raw) {
        if (!HOST_PORT_LIST.matcher(raw).matches()) {
            throw new IllegalArgumentException("not host:port list");
        }
        return raw;
    }

    static String topic(String raw) {
        List<String> topics = Parsers.topics(raw);
        if (topics.size() != 1) {
            throw new IllegalArgumentException("one topic expected");
        }
        return topics.get(0);
    }

    static Path readableFile(String raw) {
        Path path = Path.of(raw);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException("not a readable file");
        }
        return path;
    }
}
