package io.shadowscale.worker.kafka;

import io.shadowscale.control.Secrets;
import io.shadowscale.worker.model.Readiness;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SHADOW worker's view of its slot group's stability (poll thread only). The group description
 * is asked for and collected when it has arrived, so the poll loop never waits on the Admin client:
 * a barrier that arrives meanwhile is taken at once.
 */
final class GroupWatch {
    private static final Logger LOG = LoggerFactory.getLogger(GroupWatch.class);
    private final GroupProbe probe;
    private final String group;
    private final Secrets secrets;
    private KafkaFuture<ConsumerGroupDescription> describing;
    private Readiness verdict = new Readiness(false, "not warmed");
    private Instant readySince;

    GroupWatch(GroupProbe probe, String group, Secrets secrets) {
        this.probe = probe;
        this.group = group;
        this.secrets = secrets;
    }

    /** Asks for a description of the group unless one is in flight. */
    void ask() {
        if (describing == null) {
            describing = probe.describe(group);
        }
    }

    /**
     * Takes the verdict of a description that has arrived.
     *
     * @return true when one arrived (the verdict may have changed)
     */
    boolean collect(Instant now, String memberId, int expectedMembers, Set<TopicPartition> assigned) {
        if (describing == null || !describing.isDone()) {
            return false;
        }
        Readiness next;
        try {
            next = GroupProbe.readiness(describing.get(), memberId, expectedMembers, assigned);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next = new Readiness(false, "interrupted");
        } catch (Exception e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                next = new Readiness(false, "group not formed yet");
            } else {
                next = new Readiness(false, secrets.redact("group check failed: " + e));
                LOG.warn("{}: {}", group, next.reason());
            }
        }
        describing = null;
        readySince = !next.ready() ? null : readySince == null ? now : readySince;
        verdict = next;
        return true;
    }

    /** Not ready for {@code why}; a description in flight is dropped (it describes what changed). */
    void reset(String why) {
        verdict = new Readiness(false, why);
        readySince = null;
        describing = null;
    }

    Readiness verdict() {
        return verdict;
    }

    /** How long the group has been ready (zero when it is not). */
    Duration readyFor(Instant now) {
        return readySince == null ? Duration.ZERO : Duration.between(readySince, now);
    }
}
