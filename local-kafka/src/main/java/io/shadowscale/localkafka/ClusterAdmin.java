package io.shadowscale.localkafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What {@link LocalKafka} asks of the cluster through its Admin client: topics that are ready for
 * clients when the call returns, and ACLs.
 */
final class ClusterAdmin {
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);

    private ClusterAdmin() {}

    /** Creates the ACLs of {@code kafka-acls} command lines and waits until the broker has them. */
    static List<AclBinding> applyAcls(Admin admin, List<String> kafkaAclsLines) {
        List<AclBinding> bindings = KafkaAclLines.parse(kafkaAclsLines);
        try {
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create ACLs: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating ACLs", e);
        }
        return bindings;
    }

    /** Creates a topic with replication factor 1 (an existing one is kept) and waits for its leaders. */
    static void createTopic(Admin admin, String name, int partitions, Map<String, String> configs) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        try {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
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
        awaitLeaders(admin, name);
    }

    /**
     * Waits until the broker serves every partition of the topic as leader. The controller answers
     * {@code createTopics} before the broker has applied the new metadata; a producer that starts in
     * that window sees retriable errors on some partitions.
     */
    private static void awaitLeaders(Admin admin, String name) {
        long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        try {
            while (true) {
                try {
                    TopicDescription description = admin.describeTopics(List.of(name))
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS)
                            .get(name);
                    if (description.partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                        // ListOffsets is answered by the partition leader's replica manager, which
                        // applies new metadata after the metadata cache that describeTopics reads.
                        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                        description
                                .partitions()
                                .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest()));
                        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
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
}
