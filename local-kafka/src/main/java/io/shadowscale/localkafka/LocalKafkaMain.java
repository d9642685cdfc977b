package io.shadowscale.localkafka;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a local broker by hand and keeps it until Ctrl-C.
 *
 * <pre>
 * java -cp ... io.shadowscale.localkafka.LocalKafkaMain [--port 9092] [--topic name:partitions]...
 * </pre>
 */
public final class LocalKafkaMain {
    private LocalKafkaMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "local-kafka-logback.xml");
        }
        LocalKafka.Builder builder = LocalKafka.builder();
        List<String[]> topics = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--port" -> {
                    i++;
                    try {
                        builder.brokerPort(Integer.parseInt(String.valueOf(value)));
                    } catch (NumberFormatException e) {
                        errors.add("--port: '" + value + "' is not a port number");
                    }
                }
                case "--topic" -> {
                    i++;
                    String[] parts = String.valueOf(value).split(":");
                    if (parts.length != 2 || !parts[1].matches("[1-9][0-9]*")) {
                        errors.add("--topic: '" + value + "' is not name:partitions (e.g. orders:12)");
                    } else {
                        topics.add(parts);
                    }
                }
                case "-h", "--help" -> {
                    System.out.println("usage: LocalKafkaMain [--port N] [--topic name:partitions]...");
                    return;
                }
                default -> errors.add("unknown argument '" + arg + "' (allowed: --port, --topic, --help)");
            }
        }
        if (!errors.isEmpty()) {
            errors.forEach(System.err::println);
            System.exit(2);
        }
        System.out.println("starting a local Kafka 4.4 broker ...");
        LocalKafka kafka = builder.start();
        for (String[] topic : topics) {
            kafka.createTopic(topic[0], Integer.parseInt(topic[1]));
            System.out.println("created topic " + topic[0] + " with " + topic[1] + " partitions");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("stopping the broker and deleting " + kafka.dataDir());
                            kafka.close();
                            stopped.countDown();
                        },
                        "local-kafka-shutdown"));
        System.out.printf(
                "Kafka ready in %d ms: bootstrap.servers=%s (Ctrl-C stops it)%n",
                kafka.startupTime().toMillis(), kafka.bootstrapServers());
        stopped.await();
    }
}
