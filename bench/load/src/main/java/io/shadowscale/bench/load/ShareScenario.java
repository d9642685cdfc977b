package io.shadowscale.bench.load;

import java.time.Duration;
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

/**
 * A share group (KIP-932): members are {@link KafkaShareConsumer}s in explicit acknowledgement
 * mode, each record acknowledged (ACCEPT) after processing. The group starts at the earliest
 * offset ({@code share.auto.offset.reset=earliest}, set through Admin before members join).
 * Share groups keep no per-partition order and several members may read one partition, so the
 * per-partition gap is measured over whichever member processed the partition's records.
 */
public final class ShareScenario extends InPlaceScenario<ShareScenario.Member> {
    public ShareScenario() {
        super("-s");
    }

    @Override
    Member member(String name) {
        return new Member(name);
    }

    /** Sets the group's {@code share.auto.offset.reset} to {@code earliest}. */
    @Override
    void prepare() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, settings.groupId());
            admin.incrementalAlterConfigs(Map.of(
                            group,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Ready when the group has every member, each at the group's target assignment epoch, and their
     * assignments cover every partition (share members learn assignments on their heartbeat).
     */
    @Override
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
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
                    .describedGroups()
                    .get(settings.groupId())
                    .get(10, TimeUnit.SECONDS);
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

    /** One share-group member. */
    final class Member extends MemberPool.Member {
        final BusySpin processor = BusySpin.micros(settings.processingCostMicros());
        final KafkaShareConsumer<byte[], byte[]> consumer;

        Member(String name) {
            super(name);
            this.consumer = new KafkaShareConsumer<>(
                    consumerConfig(name, Map.of(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit")));
        }

        @Override
        public void run() {
            try {
                consumer.subscribe(List.of(settings.topic()));
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                        process(processor, r);
                        consumer.acknowledge(r, AcknowledgeType.ACCEPT);
                    }
                }
                consumer.commitSync(CLOSE_TIMEOUT);
            } finally {
                consumer.close(CLOSE_TIMEOUT);
            }
        }
    }
}
