package io.shadowscale.scaler.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** model/ holds pure values and transitions: no Kafka client, gRPC or fabric8 type may be imported there. */
class ModelLayeringTest {
    @Test
    void modelImportsNoKafkaGrpcOrFabric8Type() throws IOException {
        Path model = Path.of("src/main/java/io/shadowscale/scaler/model");
        assertThat(model).isDirectory();
        List<String> offending;
        try (Stream<Path> files = Files.walk(model)) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream()
                                    .filter(l -> l.startsWith("import ")
                                            && (l.contains("org.apache.kafka")
                                                    || l.contains("io.grpc")
                                                    || l.contains("io.fabric8")
                                                    || l.contains("io.shadowscale.control.proto")))
                                    .map(l -> model.relativize(f) + ": " + l);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
        assertThat(offending).isEmpty();
    }
}
