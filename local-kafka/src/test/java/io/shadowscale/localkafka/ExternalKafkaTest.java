package io.shadowscale.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExternalKafkaTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(ExternalKafka.BACKEND_PROPERTY);
    }

    @Test
    void theEmbeddedBrokerIsTheDefault() {
        assertThat(ExternalKafka.selected()).isEmpty();
        System.setProperty(ExternalKafka.BACKEND_PROPERTY, "embedded");
        assertThat(ExternalKafka.selected()).isEmpty();
    }

    @Test
    void aBackendThatIsNotOnTheClasspathIsNamedWithTheProfileThatBringsIt() {
        System.setProperty(ExternalKafka.BACKEND_PROPERTY, "testcontainers");
        assertThatThrownBy(ExternalKafka::selected)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "shadowscale.kafka=testcontainers but no such broker backend is on the classpath (found: []);"
                                + " the testcontainers backend comes with the Maven profile -Pdocker");
    }

    @Test
    void anAttachedBrokerRefusesRestartAndClosesItsOwnerOnce() {
        AtomicInteger closed = new AtomicInteger();
        LocalKafka kafka = LocalKafka.attach("127.0.0.1:1", closed::incrementAndGet);

        assertThat(kafka.embedded()).isFalse();
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:1");
        assertThat(kafka.clientProperties()).containsEntry("bootstrap.servers", "127.0.0.1:1");
        assertThat(kafka.dataDir()).isNull();
        assertThatThrownBy(kafka::restart)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("restart needs the embedded broker; this one runs outside the JVM at 127.0.0.1:1");
        assertThatThrownBy(kafka::stop)
                .hasMessage("stop needs the embedded broker; this one runs outside the JVM at 127.0.0.1:1");
        assertThat(kafka.isRunning()).isTrue();
        kafka.close();
        kafka.close();
        assertThat(closed).hasValue(1);
        assertThat(kafka.isRunning()).isFalse();
    }

    @Test
    void attachNeedsBootstrapServers() {
        assertThatThrownBy(() -> LocalKafka.attach(" ", () -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bootstrap servers of an external broker must not be empty");
    }
}
