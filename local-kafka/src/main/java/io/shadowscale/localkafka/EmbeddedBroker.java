package io.shadowscale.localkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker process of an embedded {@link LocalKafka}: its ports, data directory and
 * {@code server.properties}, and the {@code KafkaRaftServer} that runs on them. {@link #start}
 * formats the storage first when asked to ({@code kafka-storage format --standalone}, with the
 * SCRAM credentials) and returns once the broker answers an Admin {@code describeCluster}. Not
 * thread-safe: {@link LocalKafka} calls it under its own lock.
 */
final class EmbeddedBroker {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final BrokerProperties.Ports ports;
    private final Map<String, String> scramUsers;
    /** The proxies in front of the proxied listeners, in order; empty when there is none. */
    private final List<TcpProxy> proxies;

    private final Properties properties;
    private KafkaRaftServer server;
    private Duration lastStartup = Duration.ZERO;

    EmbeddedBroker(LocalKafka.Builder builder) throws IOException {
        this.dataDir = builder.dataDir != null
                ? Files.createDirectories(builder.dataDir)
                : Files.createTempDirectory("shadowscale-kafka-");
        this.deleteOnClose = builder.dataDir == null || builder.deleteOnClose;
        this.scramUsers = Map.copyOf(builder.scramUsers);
        int brokerPort = builder.brokerPort > 0 ? builder.brokerPort : freePort();
        int controllerPort = builder.controllerPort > 0 ? builder.controllerPort : freePort();
        int saslPort = scramUsers.isEmpty() ? -1 : freePort();
        List<Integer> proxiedPorts = new ArrayList<>();
        List<TcpProxy> proxyList = new ArrayList<>();
        for (int i = 0; i < builder.proxied; i++) {
            proxiedPorts.add(freePort());
            proxyList.add(new TcpProxy(0, proxiedPorts.get(i)));
        }
        this.proxies = List.copyOf(proxyList);
        this.ports = new BrokerProperties.Ports(
                brokerPort,
                controllerPort,
                saslPort,
                proxiedPorts,
                proxies.stream().map(TcpProxy::port).toList());
        this.properties = BrokerProperties.of(ports, dataDir, builder.offsetsPartitions, builder.overrides);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + ports.broker();
    }

    /** Port of the SASL_PLAINTEXT (SCRAM) client listener; -1 when there is none. */
    int saslPort() {
        return ports.sasl();
    }

    /** The proxies in front of the proxied listeners, in order; empty when there is none. */
    List<TcpProxy> proxies() {
        return proxies;
    }

    Path dataDir() {
        return dataDir;
    }

    Duration startupTime() {
        return lastStartup;
    }

    /** A copy of the broker's properties. */
    Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    boolean running() {
        return server != null;
    }

    /** Starts the broker, after formatting fresh storage when {@code format}; on failure it is stopped again. */
    void start(boolean format) {
        long startedAt = System.nanoTime();
        try {
            if (format) {
                format();
            }
            KafkaConfig config = KafkaConfig.fromProps(properties, false);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitReady();
        } catch (RuntimeException e) {
            stop();
            if (format && deleteOnClose) {
                deleteRecursively(dataDir);
            }
            throw e;
        }
        lastStartup = Duration.ofNanos(System.nanoTime() - startedAt);
        LOG.info("Kafka broker on {} ready in {} ms (data in {})", bootstrapServers(), lastStartup.toMillis(), dataDir);
    }

    /** Shuts the broker down and waits for it; the data stays. */
    void stop() {
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } finally {
                server = null;
            }
        }
    }

    /** After {@link #stop()}: closes the proxies and deletes the data directory unless it was to be kept. */
    void release() {
        proxies.forEach(TcpProxy::close);
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private void format() {
        Path config = dataDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            properties.store(out, "written by Shadowscale local-kafka");
        } catch (IOException e) {
            throw new IllegalStateException("could not write " + config, e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        int exit;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            List<String> command = new ArrayList<>(
                    List.of("format", "--config", config.toString(), "--cluster-id", clusterId, "--standalone"));
            command.addAll(Scram.formatArguments(scramUsers));
            exit = StorageTool.execute(command.toArray(String[]::new), print);
        }
        if (exit != 0) {
            throw new IllegalStateException("kafka-storage format failed with exit code " + exit + ": "
                    + output.toString(StandardCharsets.UTF_8));
        }
        LOG.debug(
                "formatted storage: {}", output.toString(StandardCharsets.UTF_8).trim());
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin probe = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "local-kafka-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                4000))) {
            while (System.nanoTime() < deadline) {
                try {
                    Collection<?> nodes = probe.describeCluster().nodes().get(4, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the broker", e);
                }
            }
        }
        throw new IllegalStateException("broker on " + bootstrapServers() + " not ready within " + READY_TIMEOUT, last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("could not delete {}: {}", path, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
