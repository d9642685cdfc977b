package io.shadowscale.worker.errors;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks Kafka whether a topic exists (Describe on the topic), each call bounded by {@link #TIMEOUT}; the Admin opens on
 * first use.
 */
public final class AdminTopicCheck implements TopicCheck, AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> clientProperties;
    private Admin admin;

    public AdminTopicCheck(Map<String, Object> clientProperties, String clientId) {
        this.clientProperties = new HashMap<>(clientProperties);
        this.clientProperties.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        this.clientProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.clientProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    }

    @Override
    public synchronized boolean exists(String topic) throws Exception {
        if (admin == null) {
            admin = Admin.create(clientProperties);
        }
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
