package io.shadowscale.localkafka;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Where Docker exists, tests can run against a broker in a container instead of the embedded one:
 * {@code mvn -Pdocker verify} puts a provider of this interface on the test classpath
 * ({@code local-kafka/src/docker/java}, Testcontainers' {@code apache/kafka} image) and sets the
 * system property {@code shadowscale.kafka=testcontainers}; {@link LocalKafkaExtension} then starts
 * the broker through it. Without the property (the default build, and this project's CI) the
 * embedded broker is used and nothing here is loaded.
 */
public interface ExternalKafka {

    /** System property that selects the broker backend of {@link LocalKafkaExtension}. */
    String BACKEND_PROPERTY = "shadowscale.kafka";

    /** The value of {@link #BACKEND_PROPERTY} this provider answers to, e.g. {@code testcontainers}. */
    String name();

    /**
     * Starts a single-node broker and returns a handle on it (built with {@link LocalKafka#attach});
     * {@code brokerProperties} are the test's broker settings, applied where the backend can.
     */
    LocalKafka start(Map<String, String> brokerProperties);

    /**
     * The provider selected by {@link #BACKEND_PROPERTY}, or empty when the property is unset or
     * {@code embedded}.
     *
     * @throws IllegalStateException when the property names a backend that is not on the classpath
     */
    static Optional<ExternalKafka> selected() {
        String wanted = System.getProperty(BACKEND_PROPERTY, "embedded").trim();
        if (wanted.isEmpty() || wanted.equals("embedded")) {
            return Optional.empty();
        }
        List<ExternalKafka> found = ServiceLoader.load(ExternalKafka.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        return Optional.of(found.stream()
                .filter(k -> k.name().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(BACKEND_PROPERTY + "=" + wanted
                        + " but no such broker backend is on the classpath (found: "
                        + found.stream().map(ExternalKafka::name).toList()
                        + "); the testcontainers backend comes with the Maven profile -Pdocker")));
    }
}
