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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka 4.4 broker (combined KRaft broker and controller) running in this JVM.
 *
 * <p>{@link #start()} formats storage in a fresh temporary directory with {@code kafka.tools.StorageTool}
 * ({@code format --standalone}, the controller found through {@code controller.quorum.bootstrap.servers}),
 * starts {@code kafka.server.KafkaRaftServer} on two free loopback ports (client and controller
 * listener), and returns once the broker answers an Admin {@code describeCluster}. {@link #close()}
 * shuts it down and deletes the directory. Internal topics use replication factor 1 and groups
 * start without the initial rebalance delay, so consumer tests are not slowed by broker defaults.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.start()) {
 *     kafka.createTopic("orders", 12);
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class LocalKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** The mechanism of the optional SASL listener. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    private final Path dataDir;
    private final int brokerPort;
    private final int controllerPort;
    /** Port of the SASL_PLAINTEXT (SCRAM) client listener; -1 when there is none. */
    private final int saslPort;
    private final Map<String, String> scramUsers;
    private final Properties serverProperties;
    private final boolean deleteOnClose;
    /** A broker that runs outside this JVM (see {@link #attach}); null for the embedded one. */
    private final String externalBootstrap;
    private final AutoCloseable externalOwner;
    private KafkaRaftServer server;
    private Admin admin;
    private Duration lastStartup = Duration.ZERO;
    private boolean closed;

    /** The proxy in front of the PROXIED listener; null when there is none. */
    private final TcpProxy proxy;
    /** Port the broker's PROXIED listener binds (the proxy forwards to it); -1 when there is none. */
    private final int proxiedBrokerPort;

    private LocalKafka(Builder builder) throws IOException {
        this.dataDir = builder.dataDir != null
                ? Files.createDirectories(builder.dataDir)
                : Files.createTempDirectory("shadowscale-kafka-");
        this.deleteOnClose = builder.dataDir == null || builder.deleteOnClose;
        this.brokerPort = builder.brokerPort > 0 ? builder.brokerPort : freePort();
        this.controllerPort = builder.controllerPort > 0 ? builder.controllerPort : freePort();
        this.scramUsers = Map.copyOf(builder.scramUsers);
        this.saslPort = scramUsers.isEmpty() ? -1 : freePort();
        this.proxiedBrokerPort = builder.proxied ? freePort() : -1;
        this.proxy = builder.proxied ? new TcpProxy(0, proxiedBrokerPort) : null;
        this.serverProperties = serverProperties(builder);
        this.externalBootstrap = null;
        this.externalOwner = null;
    }

    private LocalKafka(String bootstrapServers, AutoCloseable owner) {
        this.dataDir = null;
        this.deleteOnClose = false;
        this.brokerPort = -1;
        this.controllerPort = -1;
        this.saslPort = -1;
        this.proxiedBrokerPort = -1;
        this.proxy = null;
        this.scramUsers = Map.of();
        this.serverProperties = new Properties();
        this.externalBootstrap = bootstrapServers;
        this.externalOwner = owner;
    }

    /**
     * A handle on a broker that runs elsewhere, e.g. in a Testcontainers container (see
     * {@link ExternalKafka}): topics, Admin and client properties work as for the embedded broker;
     * {@link #restart()}, {@link #stop()} and {@link #resume()} are refused (check {@link #embedded()}).
     * {@link #close()} closes {@code owner}.
     */
    public static LocalKafka attach(String bootstrapServers, AutoCloseable owner) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers of an external broker must not be empty");
        }
        return new LocalKafka(bootstrapServers, owner);
    }

    /** True for the broker this class runs in this JVM, false for one {@link #attach attached} from elsewhere. */
    public boolean embedded() {
        return externalBootstrap == null;
    }

    /** Starts a broker with the defaults. */
    public static LocalKafka start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>} of the PLAINTEXT client listener. */
    public String bootstrapServers() {
        return embedded() ? "127.0.0.1:" + brokerPort : externalBootstrap;
    }

    /**
     * {@code 127.0.0.1:<port>} of the SASL_PLAINTEXT client listener (SCRAM-SHA-512), which exists
     * only when the builder named {@link Builder#scramUser SCRAM users}.
     *
     * @throws IllegalStateException without SCRAM users, or for an {@link #attach attached} broker
     */
    public String saslBootstrapServers() {
        if (saslPort < 0) {
            throw new IllegalStateException("this broker has no SASL listener; start it with "
                    + "LocalKafka.builder().scramUser(name, password)");
        }
        return "127.0.0.1:" + saslPort;
    }

    /**
     * Client properties that reach the SASL_PLAINTEXT listener as {@code user} with {@code password}
     * (which need not be the right one: tests of a refused login use a wrong one).
     */
    public Map<String, Object> saslClientProperties(String user, String password) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, saslBootstrapServers(),
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", SCRAM_MECHANISM,
                "sasl.jaas.config", scramJaasConfig(user, password));
    }

    /** The client-side {@code sasl.jaas.config} of a SCRAM login. */
    public static String scramJaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** The client properties that reach this broker: just {@code bootstrap.servers}. */
    public Map<String, Object> clientProperties() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** The embedded broker's data directory; null for an external one. */
    public Path dataDir() {
        return dataDir;
    }

    /** How long the last (re)start took, from formatting to the broker answering clients. */
    public Duration startupTime() {
        return lastStartup;
    }

    /** The broker's properties as written to {@code server.properties}. */
    public Properties serverProperties() {
        Properties copy = new Properties();
        copy.putAll(serverProperties);
        return copy;
    }

    /** An Admin client owned by this broker handle, closed with it. */
    public synchronized Admin admin() {
        ensureOpen();
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-admin"));
        }
        return admin;
    }

    /** {@code 127.0.0.1:<proxy port>}: the PROXIED listener, through {@link #proxy()}. */
    public String proxiedBootstrapServers() {
        return "127.0.0.1:" + proxy().port();
    }

    /** The proxy in front of the PROXIED listener ({@link Builder#proxiedListener()}). */
    public TcpProxy proxy() {
        if (proxy == null) {
            throw new IllegalStateException("this broker has no proxied listener: LocalKafka.builder().proxiedListener()");
        }
        return proxy;
    }

    /**
     * Creates the ACLs of {@code kafka-acls} command lines ({@link KafkaAclLines}) through this
     * handle's (super user) Admin and waits until the broker has them.
     *
     * @return the bindings created
     */
    public List<AclBinding> applyAcls(List<String> kafkaAclsLines) {
        List<AclBinding> bindings = KafkaAclLines.parse(kafkaAclsLines);
        try {
            admin().createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create ACLs: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating ACLs", e);
        }
        return bindings;
    }

    /** Creates a topic with the given partition count and replication factor 1; an existing one is kept. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with the given partition count, replication factor 1 and topic configs. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        try {
            admin().createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + name, e);
        }
        awaitLeaders(name);
    }

    /**
     * Waits until the broker serves every partition of the topic as leader. The controller answers
     * {@code createTopics} before the broker has applied the new metadata; a producer that starts in
     * that window sees retriable errors on some partitions.
     */
    private void awaitLeaders(String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try {
            while (true) {
                try {
                    TopicDescription description = admin().describeTopics(List.of(name)).allTopicNames()
                            .get(10, TimeUnit.SECONDS).get(name);
                    if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                        // ListOffsets is answered by the partition leader's replica manager, which
                        // applies new metadata after the metadata cache that describeTopics reads.
                        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                        description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest()));
                        admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                        return;
                    }
                } catch (ExecutionException e) {
                    // not known yet: try again
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + name + " has partitions without a leader after 30 s");
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + name, e);
        }
    }

    /**
     * Stops the broker and starts it again on the same ports and data, as a broker restart does
     * (clients reconnect; committed offsets and records survive).
     */
    public synchronized void restart() {
        ensureOpen();
        ensureEmbedded("restart");
        stopServer();
        startServer(false);
    }

    /** Stops the broker (its ports refuse connections) without deleting data; {@link #resume()} starts it again. */
    public synchronized void stop() {
        ensureOpen();
        ensureEmbedded("stop");
        stopServer();
    }

    /** Starts a broker stopped by {@link #stop()}. */
    public synchronized void resume() {
        ensureOpen();
        ensureEmbedded("resume");
        if (server == null) {
            startServer(false);
        }
    }

    public synchronized boolean isRunning() {
        return embedded() ? server != null : !closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopServer();
        if (proxy != null) {
            proxy.close();
        }
        if (externalOwner != null) {
            try {
                externalOwner.close();
            } catch (Exception e) {
                LOG.warn("could not stop the external broker {}: {}", externalBootstrap, e.toString());
            }
        }
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private synchronized LocalKafka startFresh() {
        startServer(true);
        return this;
    }

    private void startServer(boolean format) {
        long startedAt = System.nanoTime();
        try {
            if (format) {
                format();
            }
            KafkaConfig config = KafkaConfig.fromProps(serverProperties, false);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitReady();
        } catch (RuntimeException e) {
            stopServer();
            if (format && deleteOnClose) {
                deleteRecursively(dataDir);
            }
            throw e;
        }
        lastStartup = Duration.ofNanos(System.nanoTime() - startedAt);
        LOG.info("Kafka broker on {} ready in {} ms (data in {})", bootstrapServers(), lastStartup.toMillis(), dataDir);
    }

    private void format() {
        Path config = dataDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            serverProperties.store(out, "written by Shadowscale local-kafka");
        } catch (IOException e) {
            throw new IllegalStateException("could not write " + config, e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        int exit;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            List<String> command = new ArrayList<>(List.of(
                    "format", "--config", config.toString(), "--cluster-id", clusterId, "--standalone"));
            // SCRAM credentials go into the bootstrap metadata: they exist before the first client connects
            new TreeMap<>(scramUsers).forEach((user, password) -> command.addAll(List.of("--add-scram",
                    SCRAM_MECHANISM + "=[name=" + user + ",password=" + password + "]")));
            exit = StorageTool.execute(command.toArray(String[]::new), print);
        }
        if (exit != 0) {
            throw new IllegalStateException("kafka-storage format failed with exit code " + exit + ": "
                    + output.toString(StandardCharsets.UTF_8));
        }
        LOG.debug("formatted storage: {}", output.toString(StandardCharsets.UTF_8).trim());
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin probe = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000))) {
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

    private void stopServer() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } finally {
                server = null;
            }
        }
    }

    private void ensureEmbedded(String what) {
        if (!embedded()) {
            throw new UnsupportedOperationException(what + " needs the embedded broker; this one runs outside the JVM at "
                    + externalBootstrap);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this LocalKafka is closed");
        }
    }

    private Properties serverProperties(Builder builder) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        if (saslPort < 0) {
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        } else {
            // a second client listener that requires a SCRAM login; PLAINTEXT stays for the broker's
            // own use (inter-broker, this handle's Admin) so nothing else changes
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
                    + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",SASL_PLAINTEXT://127.0.0.1:"
                    + saslPort);
            p.put("listener.security.protocol.map",
                    "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
            p.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", SCRAM_MECHANISM);
            p.put("listener.name.sasl_plaintext." + SCRAM_MECHANISM.toLowerCase(Locale.ROOT)
                    + ".sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        if (proxy != null) {
            // a plain listener advertised at the proxy's port, so every connection of its clients goes through it
            p.put("listeners", p.get("listeners") + ",PROXIED://127.0.0.1:" + proxiedBrokerPort);
            p.put("advertised.listeners", p.get("advertised.listeners") + ",PROXIED://127.0.0.1:" + proxy.port());
            p.put("listener.security.protocol.map", p.get("listener.security.protocol.map") + ",PROXIED:PLAINTEXT");
        }
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", String.valueOf(builder.offsetsPartitions));
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", String.valueOf(builder.offsetsPartitions));
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("share.coordinator.state.topic.num.partitions", String.valueOf(builder.offsetsPartitions));
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        p.put("socket.request.max.bytes", String.valueOf(100 * 1024 * 1024));
        p.putAll(builder.overrides);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) {
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

    /** Options for {@link LocalKafka}; every one has a default that suits a test. */
    public static final class Builder {
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final Map<String, String> scramUsers = new LinkedHashMap<>();
        private int offsetsPartitions = 5;
        private int brokerPort;
        private int controllerPort;
        private Path dataDir;
        private boolean deleteOnClose = true;
        private boolean authorizer;
        private boolean proxied;

        private Builder() {
        }

        /** Any broker property, applied last (it wins over the defaults). */
        public Builder brokerProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** Partitions of the internal offsets, transaction and share-state topics (default 5). */
        public Builder internalTopicPartitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("internal topic partitions must be >= 1, was " + partitions);
            }
            this.offsetsPartitions = partitions;
            return this;
        }

        /**
         * Adds a SASL_PLAINTEXT client listener (SCRAM-SHA-512) on a free port, with this user among
         * its credentials ({@code kafka-storage format --add-scram}); call again for more users. The
         * PLAINTEXT listener stays. Embedded broker only: {@link LocalKafkaExtension} never hands such
         * a builder to an {@link ExternalKafka} backend.
         */
        public Builder scramUser(String user, String password) {
            if (user == null || !user.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("SCRAM user must be letters, digits, '.', '_' or '-', was " + user);
            }
            if (password == null || password.isEmpty() || password.matches(".*[\\],\"\\\\].*")) {
                throw new IllegalArgumentException("SCRAM password of " + user
                        + " must be non-empty without ']', ',', '\"' or '\\'");
            }
            scramUsers.put(user, password);
            return this;
        }

        /**
         * Turns authorization on: KRaft's {@code StandardAuthorizer} (ACLs kept in the cluster
         * metadata), no access without an ACL ({@code allow.everyone.if.no.acl.found=false}), and
         * {@code User:ANONYMOUS} as the only super user: that is the principal of the PLAINTEXT and
         * controller listeners, which the broker itself and this handle's {@link #admin()} use.
         * Clients that log in on the SCRAM listener ({@link #scramUser}) get what ACLs give their
         * {@code User:<name>} ({@link #applyAcls}), nothing else. Embedded broker only.
         */
        public Builder authorizer() {
            overrides.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            overrides.put("super.users", "User:ANONYMOUS");
            overrides.put("allow.everyone.if.no.acl.found", "false");
            authorizer = true;
            return this;
        }

        /**
         * Adds a PLAINTEXT client listener reached only through a {@link TcpProxy} (its advertised
         * port is the proxy's), so clients given {@link #proxiedBootstrapServers()} can be cut off,
         * slowed or throttled ({@link #proxy()}) while the others keep their direct link. Embedded
         * broker only.
         */
        public Builder proxiedListener() {
            proxied = true;
            return this;
        }

        /**
         * Whether this builder asks for something only the embedded broker offers (a SASL or proxied listener, an
         * authorizer).
         */
        public boolean needsEmbedded() {
            return !scramUsers.isEmpty() || authorizer || proxied;
        }

        /** A fixed client port instead of a free one. */
        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        /** A fixed controller port instead of a free one. */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /** A data directory to use instead of a fresh temporary one. */
        public Builder dataDir(Path dir, boolean deleteOnClose) {
            this.dataDir = dir;
            this.deleteOnClose = deleteOnClose;
            return this;
        }

        /** The broker properties set with {@link #brokerProperty} (an external broker gets them too, where it can). */
        public Map<String, String> brokerProperties() {
            return Map.copyOf(overrides);
        }

        /** Formats storage and starts the broker; returns once it answers clients. */
        public LocalKafka start() {
            try {
                return new LocalKafka(this).startFresh();
            } catch (IOException e) {
                throw new IllegalStateException("could not prepare the broker's data directory", e);
            }
        }
    }
}
