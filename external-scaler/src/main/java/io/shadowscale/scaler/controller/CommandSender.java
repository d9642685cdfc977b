package io.shadowscale.scaler.controller;

import io.shadowscale.control.ControlChannel;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PhaseCommand;
import io.shadowscale.scaler.model.WorkerReport;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the commands of a pair's current step on the control topic, to every slot where not each
 * expected worker has answered them yet. Owns the control channel once {@link #open opened}.
 */
final class CommandSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandSender.class);

    private final String controllerId;
    private ControlChannel channel;

    CommandSender(String controllerId) {
        this.controllerId = controllerId;
    }

    /** Sends on {@code value} from now on. */
    void open(ControlChannel value) {
        channel = value;
    }

    /** (Re)sends each command of {@code s}'s step that its readers among {@code live} have not all answered. */
    void send(PairState s, List<WorkerReport> live, Instant now) {
        for (PhaseCommand c : PhaseCommand.of(s)) {
            List<WorkerReport> slotWorkers =
                    live.stream().filter(w -> c.readers().contains(w.slot())).toList();
            boolean everyone = !slotWorkers.isEmpty()
                    && slotWorkers.size() >= c.expectedWorkers()
                    && slotWorkers.stream().allMatch(w -> w.hasAnswered(c.commandId()));
            if (!everyone) {
                LOG.debug(
                        "pair {}: {} to {} at epoch {}, command {}",
                        s.pair(),
                        c.kind(),
                        c.slot(),
                        c.epoch(),
                        c.commandId());
                channel.send(CommandEncoder.encode(s.pair(), c, controllerId, now));
            }
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close();
        }
    }
}
