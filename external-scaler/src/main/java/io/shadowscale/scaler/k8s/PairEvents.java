package io.shadowscale.scaler.k8s;

import io.shadowscale.control.PairKey;
import java.util.List;

/**
 * Records a pair's transitions as Kubernetes Events on the pair's ScaledObjects, where
 * {@code kubectl describe scaledobject} and dashboards show them. Recording never throws: an
 * Event that cannot be written is logged and dropped, the cutover goes on.
 */
public interface PairEvents {

    /** Label on both of a pair's ScaledObjects (and Deployments) whose value is the pair's name. */
    String PAIR_LABEL = "shadowscale.io/pair";

    /**
     * Records one Event per named ScaledObject of {@code pair} (in the pair's namespace).
     *
     * @param reason  UpperCamelCase, e.g. {@code CutoverStarted}
     * @param warning {@code Warning} type instead of {@code Normal} (rollbacks, timeouts)
     * @return how many Events were written (ScaledObjects that do not exist are skipped)
     */
    int record(PairKey pair, List<String> scaledObjectNames, String reason, String message, boolean warning);

    /**
     * Records one Event on each ScaledObject of the pair's namespace labelled
     * {@value #PAIR_LABEL}{@code =<pair name>}; for callers that do not know the names.
     */
    int record(PairKey pair, String reason, String message, boolean warning);

    /** Writes nothing: the scaler runs without Kubernetes. */
    static PairEvents none() {
        return new PairEvents() {
            @Override
            public int record(PairKey pair, List<String> names, String reason, String message, boolean warning) {
                return 0;
            }

            @Override
            public int record(PairKey pair, String reason, String message, boolean warning) {
                return 0;
            }
        };
    }
}
