package io.shadowscale.localkafka;

import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@code testcontainers} broker backend (Maven profile {@code -Pdocker} only): a single-node
 * KRaft broker from the {@code apache/kafka} image, set up like the embedded one (replication
 * factor 1 for internal topics, no initial rebalance delay, no topic auto-creation) plus the
 * test's own broker properties, passed as the image's {@code KAFKA_*} environment variables.
 * The image is {@code -Dshadowscale.kafka.image=...}, by default the Kafka version the build pins.
 */
public final class TestcontainersKafka implements ExternalKafka {
    private static final Logger LOG = LoggerFactory.getLogger(TestcontainersKafka.class);
    static final String IMAGE_PROPERTY = "shadowscale.kafka.image";
    static final String DEFAULT_IMAGE = "apache/kafka:4.4.0";

    @Override
    public String name() {
        return "testcontainers";
    }

    @Override
    public LocalKafka start(Map<String, String> brokerProperties) {
        String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
        KafkaContainer container =
                new KafkaContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("apache/kafka"));
        env(container, "offsets.topic.replication.factor", "1");
        env(container, "transaction.state.log.replication.factor", "1");
        env(container, "transaction.state.log.min.isr", "1");
        env(container, "share.coordinator.state.topic.replication.factor", "1");
        env(container, "share.coordinator.state.topic.min.isr", "1");
        env(container, "group.initial.rebalance.delay.ms", "0");
        env(container, "auto.create.topics.enable", "false");
        brokerProperties.forEach((k, v) -> env(container, k, v));
        container.start();
        LOG.info(
                "Kafka broker in container {} ({}) on {}",
                container.getContainerName(),
                image,
                container.getBootstrapServers());
        return LocalKafka.attach(container.getBootstrapServers(), container::stop);
    }

    /** {@code a.b.c} -> {@code KAFKA_A_B_C}, the image's convention for server properties. */
    static String envName(String property) {
        return "KAFKA_" + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void env(KafkaContainer container, String property, String value) {
        container.withEnv(envName(property), value);
    }
}
