package io.shadowscale.bench.scalerload;

import io.shadowscale.control.PairKey;
import io.shadowscale.testkit.keda.ScaledObjectSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The topics and ScaledObjects of one point of {@code bench scaler-load}: one topic per pair (or a
 * few shared ones), both ScaledObjects of every pair, and the creation of the topics on the broker.
 */
final class LoadTopics {
    private static final String SCALER_ADDRESS = "shadowscale-scaler.shadowscale:9090";

    private LoadTopics() {}

    /** {@code load-0} .. {@code load-(n-1)}: one per pair, or at most {@code sharedTopics} in shared mode. */
    static List<String> topicNames(ScalerLoadSettings settings, ScalerLoadSettings.Point point) {
        int count = settings.topicMode().equals(ScalerLoadSettings.SHARED)
                ? Math.min(settings.sharedTopics(), point.pairs())
                : point.pairs();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("load-" + i);
        }
        return names;
    }

    /** Both ScaledObjects of every pair; pair i reads topic i mod topics, in namespace tenant-(i mod 20). */
    static List<ScaledObjectSpec> scaledObjects(ScalerLoadSettings.Point point, List<String> topics) {
        List<ScaledObjectSpec> objects = new ArrayList<>();
        for (int i = 0; i < point.pairs(); i++) {
            PairKey pair = new PairKey("tenant-" + (i % 20), "consumer-" + i);
            objects.addAll(ScaledObjectSpec.forPair(
                    pair, List.of(topics.get(i % topics.size())), Map.of("workerCapacity", "1000"), SCALER_ADDRESS));
        }
        return objects;
    }

    /** Creates the topics in batches, then waits until every partition answers a listOffsets. */
    static void createTopics(Admin admin, List<String> names, int partitions) throws InterruptedException {
        for (int from = 0; from < names.size(); from += 100) {
            List<NewTopic> batch = names.subList(from, Math.min(names.size(), from + 100)).stream()
                    .map(n -> new NewTopic(n, partitions, (short) 1))
                    .toList();
            try {
                admin.createTopics(batch).all().get(120, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not create topics: " + e, e);
            }
        }
        Map<TopicPartition, OffsetSpec> all = new HashMap<>();
        names.forEach(n -> {
            for (int p = 0; p < partitions; p++) {
                all.put(new TopicPartition(n, p), OffsetSpec.latest());
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (true) {
            try {
                admin.listOffsets(all).all().get(60, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics without leaders after 300 s: " + e, e);
                }
                Thread.sleep(200);
            }
        }
    }
}
