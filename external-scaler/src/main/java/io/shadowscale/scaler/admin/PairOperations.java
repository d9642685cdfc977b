package io.shadowscale.scaler.admin;

import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.controller.OperatorResult;
import io.shadowscale.scaler.controller.PairController;
import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PairState;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** What the admin and operator endpoints ask of the pair controller. */
public interface PairOperations {
    List<PairState> states();

    Optional<PairState> state(PairKey pair);

    OperatorResult requestResize(PairKey pair, int replicas);

    OperatorResult setPaused(PairKey pair, boolean paused);

    OperatorResult requestRollback(PairKey pair);

    /** The last look at the pair's traffic (empty before the first, or where nothing keeps it). */
    default Optional<Observation> observation(PairKey pair) {
        return Optional.empty();
    }

    /** The controller's own operations, without traffic. */
    static PairOperations of(PairController controller) {
        return of(controller, pair -> Optional.empty());
    }

    /** The controller's own operations, with the last traffic {@code observations} kept (the metrics). */
    static PairOperations of(PairController controller, Function<PairKey, Optional<Observation>> observations) {
        return new PairOperations() {
            @Override
            public Optional<Observation> observation(PairKey pair) {
                return observations.apply(pair);
            }

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
