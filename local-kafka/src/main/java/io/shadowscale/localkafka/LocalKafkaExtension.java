package io.shadowscale.localkafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one real broker per test class, started before the first test and deleted
 * after the last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalKafkaExtension KAFKA = new LocalKafkaExtension();
 *
 * @Test
 * void works() {
 *     KAFKA.kafka().createTopic("t", 12);
 * }
 * }</pre>
 *
 * With {@code -Dshadowscale.kafka=testcontainers} (Maven profile {@code -Pdocker}, needs Docker)
 * the broker runs in a container instead (see {@link ExternalKafka}); tests that restart or stop
 * the broker check {@link LocalKafka#embedded()} first.
 *
 * <p>It can also be used as {@code @ExtendWith(LocalKafkaExtension.class)}, with a {@link LocalKafka}
 * parameter on a test or lifecycle method.
 */
public final class LocalKafkaExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final LocalKafka.Builder builder;
    private LocalKafka kafka;

    public LocalKafkaExtension() {
        this(LocalKafka.builder());
    }

    public LocalKafkaExtension(LocalKafka.Builder builder) {
        this.builder = builder;
    }

    /** The running broker; only between the class's first and last test. */
    public LocalKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("the broker runs only while the test class runs");
        }
        return kafka;
    }

    public String bootstrapServers() {
        return kafka().bootstrapServers();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = builder.needsEmbedded()
                ? builder.start()
                : ExternalKafka.selected()
                        .map(external -> external.start(builder.brokerProperties()))
                        .orElseGet(builder::start);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return kafka();
    }
}
