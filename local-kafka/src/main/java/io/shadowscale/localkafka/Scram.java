package io.shadowscale.localkafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The SCRAM-SHA-512 login of the optional SASL_PLAINTEXT listener: which users and passwords it
 * takes, the broker properties that turn it on, the credentials written at format time and a
 * client's {@code sasl.jaas.config}.
 */
final class Scram {
    static final String MECHANISM = "SCRAM-SHA-512";
    private static final String LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";

    private Scram() {}

    /** Refuses a user or password that the {@code --add-scram} argument of {@code kafka-storage} cannot carry. */
    static void check(String user, String password) {
        if (user == null || !user.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("SCRAM user must be letters, digits, '.', '_' or '-', was " + user);
        }
        if (password == null || password.isEmpty() || password.matches(".*[\\],\"\\\\].*")) {
            throw new IllegalArgumentException(
                    "SCRAM password of " + user + " must be non-empty without ']', ',', '\"' or '\\'");
        }
    }

    /** The client-side {@code sasl.jaas.config} of a login as {@code user}. */
    static String jaasConfig(String user, String password) {
        return LOGIN_MODULE + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    /** The broker side of the SASL_PLAINTEXT listener: SCRAM as its one mechanism. */
    static void putListenerProperties(Properties p) {
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", MECHANISM);
        p.put(
                "listener.name.sasl_plaintext." + MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                LOGIN_MODULE + " required;");
    }

    /**
     * The {@code --add-scram} arguments of {@code kafka-storage format}, sorted by user: the
     * credentials go into the bootstrap metadata, so they exist before the first client connects.
     */
    static List<String> formatArguments(Map<String, String> users) {
        List<String> arguments = new ArrayList<>();
        new TreeMap<>(users)
                .forEach((user, password) -> arguments.addAll(
                        List.of("--add-scram", MECHANISM + "=[name=" + user + ",password=" + password + "]")));
        return arguments;
    }
}
