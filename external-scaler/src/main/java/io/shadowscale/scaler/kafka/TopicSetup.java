package io.shadowscale.scaler.kafka;

import io.shadowscale.control.ControlTopics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates an environment's topics if missing: the control topic ({@code partitions} partitions,
 * 1 hour retention: nothing reads its history) and the compacted state topic (1 partition).
 * Replication factor is the broker default.
 */
public final class TopicSetup {
    private TopicSetup() {}

    public static void ensure(Admin admin, ControlTopics topics, int partitions) {
        create(
                admin,
                new NewTopic(topics.control(), Optional.of(partitions), Optional.empty())
                        .configs(Map.of("retention.ms", "3600000")));
        create(
                admin,
                new NewTopic(topics.state(), Optional.of(1), Optional.empty())
                        .configs(Map.of("cleanup.policy", "compact")));
    }

    private static void create(Admin admin, NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + topic.name() + ": " + e.getCause(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + topic.name(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + topic.name(), e);
        }
    }
}
