package io.shadowscale.localkafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code server.properties} of the embedded combined broker and controller: its listeners
 * (PLAINTEXT and CONTROLLER always, SASL_PLAINTEXT with SCRAM users, PROXIED, PROXIED_2, ... each
 * behind a {@link TcpProxy} of its own) and the defaults that suit a test (replication factor 1, no initial rebalance
 * delay, no auto-created topics). The builder's own broker properties come last and win.
 */
final class BrokerProperties {
    /** Internal topics that take a replication factor, a minimum ISR and a partition count. */
    private static final List<String> REPLICATED_STATE_TOPICS =
            List.of("transaction.state.log", "share.coordinator.state.topic");

    private BrokerProperties() {}

    /**
     * The ports the broker binds and advertises; -1 for a listener it does not have.
     *
     * @param broker the PLAINTEXT client listener
     * @param controller the CONTROLLER listener
     * @param sasl the SASL_PLAINTEXT (SCRAM) client listener
     * @param proxied the proxied listeners the broker binds (PROXIED, PROXIED_2, ...; none: empty)
     * @param proxies per proxied listener, its proxy's port, advertised for it
     */
    record Ports(int broker, int controller, int sasl, List<Integer> proxied, List<Integer> proxies) {
        Ports {
            proxied = List.copyOf(proxied);
            proxies = List.copyOf(proxies);
            if (proxied.size() != proxies.size()) {
                throw new IllegalArgumentException("one proxy port per proxied listener: " + proxied + ", " + proxies);
            }
        }
    }

    static Properties of(Ports ports, Path dataDir, int internalTopicPartitions, Map<String, String> overrides) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        String listeners = "PLAINTEXT://127.0.0.1:" + ports.broker();
        String advertised = "PLAINTEXT://127.0.0.1:" + ports.broker();
        String protocols = "PLAINTEXT:PLAINTEXT";
        if (ports.sasl() >= 0) {
            // a second client listener that requires a SCRAM login; PLAINTEXT stays for the broker's
            // own use (inter-broker, the handle's Admin) so nothing else changes
            listeners += ",SASL_PLAINTEXT://127.0.0.1:" + ports.sasl();
            advertised += ",SASL_PLAINTEXT://127.0.0.1:" + ports.sasl();
            protocols += ",SASL_PLAINTEXT:SASL_PLAINTEXT";
            Scram.putListenerProperties(p);
        }
        listeners += ",CONTROLLER://127.0.0.1:" + ports.controller();
        protocols += ",CONTROLLER:PLAINTEXT";
        for (int i = 0; i < ports.proxied().size(); i++) {
            // a plain listener advertised at its proxy's port, so every connection of its clients goes through it
            String name = i == 0 ? "PROXIED" : "PROXIED_" + (i + 1);
            listeners += "," + name + "://127.0.0.1:" + ports.proxied().get(i);
            advertised += "," + name + "://127.0.0.1:" + ports.proxies().get(i);
            protocols += "," + name + ":PLAINTEXT";
        }
        p.put("listeners", listeners);
        p.put("advertised.listeners", advertised);
        p.put("listener.security.protocol.map", protocols);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + ports.controller());
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("num.partitions", "1");
        String partitions = String.valueOf(internalTopicPartitions);
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", partitions);
        for (String topic : REPLICATED_STATE_TOPICS) {
            p.put(topic + ".replication.factor", "1");
            p.put(topic + ".min.isr", "1");
            p.put(topic + ".num.partitions", partitions);
        }
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        p.put("socket.request.max.bytes", String.valueOf(100 * 1024 * 1024));
        p.putAll(overrides);
        return p;
    }
}
