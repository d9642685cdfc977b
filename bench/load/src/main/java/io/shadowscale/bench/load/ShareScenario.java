package io.shadowscale.bench.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.ShareMemberDescription;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A share group (KIP-932): members are {@link KafkaShareConsumer}s in explicit acknowledgement
 * mode, each record acknowledged (ACCEPT) after processing. The group starts at the earliest
 * offset ({@code share.auto.offset.reset=earliest}, set through Admin before members join).
 * Share groups keep no per-partition order and several members may read one partition, so the
 * per-partition gap is measured over whichever member processed the partition's records.
 */
public final class ShareScenario implements Scenario {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private ConsumerSettings settings;
    private final MemberPool<Member> members =
            new MemberPool<>(id -> new Member(settings.groupId() + "-s" + id), CLOSE_TIMEOUT);

    @Override
    public void start(ConsumerSettings settings, int count) throws Exception {
        this.settings = settings;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, settings.groupId());
            admin.incrementalAlterConfigs(Map.of(group, List.of(new AlterConfigOp(
                    new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        members.scale(count);
    }

    /**
     * Ready when the group has every member, each at the group's target assignment epoch, and their
     * assignments cover every partition (share members learn assignments on their heartbeat).
     */
    @Override
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                if (assigned(admin)) {
                    return true;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        return false;
    }

    private boolean assigned(Admin admin) throws InterruptedException {
        try {
            ShareGroupDescription group = admin.describeShareGroups(List.of(settings.groupId()))
                    .describedGroups().get(settings.groupId()).get(10, TimeUnit.SECONDS);
            Set<Integer> covered = new HashSet<>();
            for (ShareMemberDescription m : group.members()) {
                if (m.memberEpoch() != group.targetAssignmentEpoch()) {
                    return false;
                }
                m.assignment().topicPartitions().forEach(tp -> covered.add(tp.partition()));
            }
            return group.members().size() == members() && covered.size() == settings.partitions();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void scale(int count) throws InterruptedException {
        members.scale(count);
    }

    @Override
    public int members() {
        return members.size();
    }

    @Override
    public void stop() throws InterruptedException {
        scale(0);
    }

    /** One share-group member. */
    private final class Member extends MemberPool.Member {
        final BusySpin processor = BusySpin.micros(settings.processingCostMicros());
        final KafkaShareConsumer<byte[], byte[]> consumer;
        volatile long polls;

        Member(String name) {
            super(name);
            Map<String, Object> c = new HashMap<>();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
            c.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
            c.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
            c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            c.putAll(settings.clientOverrides());
            this.consumer = new KafkaShareConsumer<>(c);
        }

        @Override
        public void run() {
            try {
                consumer.subscribe(List.of(settings.topic()));
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                        long done = processor.process();
                        settings.sink().record(r.partition(), r.offset(), r.value(), done);
                        consumer.acknowledge(r, AcknowledgeType.ACCEPT);
                    }
                    polls++;
                }
                consumer.commitSync(CLOSE_TIMEOUT);
            } finally {
                consumer.close(CLOSE_TIMEOUT);
            }
        }
    }
}
