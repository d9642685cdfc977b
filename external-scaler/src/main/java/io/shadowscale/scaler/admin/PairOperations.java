package io.shadowscale.scaler.admin;

import java.util.List;
import java.util.Optional;

import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.controller.OperatorResult;
import io.shadowscale.scaler.controller.PairController;
import io.shadowscale.scaler.model.PairState;

/** What the admin and operator endpoints ask of the pair controller. */
public interface PairOperations {
    List<PairState> states();

    Optional<PairState> state(PairKey pair);

    OperatorResult requestResize(PairKey pair, int replicas);

    OperatorResult setPaused(PairKey pair, boolean paused);

    OperatorResult requestRollback(PairKey pair);

    /** The controller's own operations. */
    static PairOperations of(PairController controller) {
        return new PairOperations() {
            @Override
            public List<PairState> states() {
                return controller.states();
            }

            @Override
            public Optional<PairState> state(PairKey pair) {
                return controller.state(pair);
            }

            @Override
            public OperatorResult requestResize(PairKey pair, int replicas) {
                return controller.requestResize(pair, replicas);
            }

            @Override
            public OperatorResult setPaused(PairKey pair, boolean paused) {
                return controller.setPaused(pair, paused);
            }

            @Override
            public OperatorResult requestRollback(PairKey pair) {
                return controller.requestRollback(pair);
            }
        };
    }
}
