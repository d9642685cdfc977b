package io.shadowscale.localkafka;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;
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
 * This class is the handle; the broker process is {@code EmbeddedBroker}, its properties
 * {@code BrokerProperties}, its optional SCRAM login {@code Scram}.
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
    /** The mechanism of the optional SASL listener. */
    public static final String SCRAM_MECHANISM = Scram.MECHANISM;

    /** The broker this handle runs in this JVM; null for one {@link #attach attached} from elsewhere. */
    private final EmbeddedBroker broker;
    /** A broker that runs outside this JVM (see {@link #attach}); null for the embedded one. */
    private final String externalBootstrap;

    private final AutoCloseable externalOwner;
    private Admin admin;
    private boolean closed;

    private LocalKafka(EmbeddedBroker broker, String externalBootstrap, AutoCloseable externalOwner) {
        this.broker = broker;
        this.externalBootstrap = externalBootstrap;
        this.externalOwner = externalOwner;
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
        return new LocalKafka(null, bootstrapServers, owner);
    }

    /** True for the broker this class runs in this JVM, false for one {@link #attach attached} from elsewhere. */
    public boolean embedded() {
        return broker != null;
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
        return embedded() ? broker.bootstrapServers() : externalBootstrap;
    }

    /**
     * {@code 127.0.0.1:<port>} of the SASL_PLAINTEXT client listener (SCRAM-SHA-512), which exists
     * only when the builder named {@link Builder#scramUser SCRAM users}.
     *
     * @throws IllegalStateException without SCRAM users, or for an {@link #attach attached} broker
     */
    public String saslBootstrapServers() {
        if (!embedded() || broker.saslPort() < 0) {
            throw new IllegalStateException("this broker has no SASL listener; start it with "
                    + "LocalKafka.builder().scramUser(name, password)");
        }
        return "127.0.0.1:" + broker.saslPort();
    }

    /**
     * Client properties that reach the SASL_PLAINTEXT listener as {@code user} with {@code password}
     * (which need not be the right one: tests of a refused login use a wrong one).
     */
    public Map<String, Object> saslClientProperties(String user, String password) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                saslBootstrapServers(),
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                SCRAM_MECHANISM,
                "sasl.jaas.config",
                scramJaasConfig(user, password));
    }

    /** The client-side {@code sasl.jaas.config} of a SCRAM login. */
    public static String scramJaasConfig(String user, String password) {
        return Scram.jaasConfig(user, password);
    }

    /** The client properties that reach this broker: just {@code bootstrap.servers}. */
    public Map<String, Object> clientProperties() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** The embedded broker's data directory; null for an external one. */
    public Path dataDir() {
        return embedded() ? broker.dataDir() : null;
    }

    /** How long the last (re)start took, from formatting to the broker answering clients. */
    public Duration startupTime() {
        return embedded() ? broker.startupTime() : Duration.ZERO;
    }

    /** The broker's properties as written to {@code server.properties} (none for an external broker). */
    public Properties serverProperties() {
        return embedded() ? broker.properties() : new Properties();
    }

    /** An Admin client owned by this broker handle, closed with it. */
    public synchronized Admin admin() {
        ensureOpen();
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG,
                    "local-kafka-admin"));
        }
        return admin;
    }

    /** {@code 127.0.0.1:<proxy port>}: the PROXIED listener, through {@link #proxy()}. */
    public String proxiedBootstrapServers() {
        return "127.0.0.1:" + proxy().port();
    }

    /** The proxy in front of the (first) PROXIED listener ({@link Builder#proxiedListener()}). */
    public TcpProxy proxy() {
        return proxies().get(0);
    }

    /** One proxy per proxied listener ({@link Builder#proxiedListeners}): a client bootstrapped at one uses only it. */
    public List<TcpProxy> proxies() {
        if (!embedded() || broker.proxies().isEmpty()) {
            throw new IllegalStateException(
                    "this broker has no proxied listener: LocalKafka.builder().proxiedListener()");
        }
        return broker.proxies();
    }

    /**
     * Creates the ACLs of {@code kafka-acls} command lines ({@link KafkaAclLines}) through this
     * handle's (super user) Admin and waits until the broker has them.
     *
     * @return the bindings created
     */
    public List<AclBinding> applyAcls(List<String> kafkaAclsLines) {
        return ClusterAdmin.applyAcls(admin(), kafkaAclsLines);
    }

    /** Creates a topic with the given partition count and replication factor 1; an existing one is kept. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic with the given partition count, replication factor 1 and topic configs, and
     * returns once the broker serves every partition as leader; an existing topic is kept.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        ClusterAdmin.createTopic(admin(), name, partitions, configs);
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
        if (!broker.running()) {
            startServer(false);
        }
    }

    public synchronized boolean isRunning() {
        return embedded() ? broker.running() : !closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopServer();
        if (externalOwner != null) {
            try {
                externalOwner.close();
            } catch (Exception e) {
                LOG.warn("could not stop the external broker {}: {}", externalBootstrap, e.toString());
            }
        }
        if (embedded()) {
            broker.release();
        }
    }

    private synchronized LocalKafka startFresh() {
        startServer(true);
        return this;
    }

    private void startServer(boolean format) {
        try {
            broker.start(format);
        } catch (RuntimeException e) {
            closeAdmin();
            throw e;
        }
    }

    private void stopServer() {
        closeAdmin();
        if (embedded()) {
            broker.stop();
        }
    }

    private void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    private void ensureEmbedded(String what) {
        if (!embedded()) {
            throw new UnsupportedOperationException(
                    what + " needs the embedded broker; this one runs outside the JVM at " + externalBootstrap);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this LocalKafka is closed");
        }
    }

    /** Options for {@link LocalKafka}; every one has a default that suits a test. */
    public static final class Builder {
        // read by EmbeddedBroker
        final Map<String, String> overrides = new LinkedHashMap<>();
        final Map<String, String> scramUsers = new LinkedHashMap<>();
        int offsetsPartitions = 5;
        int brokerPort;
        int controllerPort;
        Path dataDir;
        boolean deleteOnClose = true;
        int proxied;
        private boolean authorizer;

        private Builder() {}

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
            Scram.check(user, password);
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
            return proxiedListeners(1);
        }

        /** {@code count} proxied listeners (0: none), each behind a proxy of its own ({@link LocalKafka#proxies()}). */
        public Builder proxiedListeners(int count) {
            proxied = count;
            return this;
        }

        /** Whether this builder asks for what only the embedded broker offers (SASL, proxied listeners, ACLs). */
        public boolean needsEmbedded() {
            return !scramUsers.isEmpty() || authorizer || proxied > 0;
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
                return new LocalKafka(new EmbeddedBroker(this), null, null).startFresh();
            } catch (IOException e) {
                throw new IllegalStateException("could not prepare the broker's data directory", e);
            }
        }
    }
}
