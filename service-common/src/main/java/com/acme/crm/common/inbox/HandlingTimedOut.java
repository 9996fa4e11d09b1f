package com.acme.crm.common.inbox;

import java.time.Duration;

/**
 * The work of a consumer batch, or of one message handled on its own, did not end within {@code crm.consumer.time-limit}
 * ({@link TimeLimit}): its transaction was rolled back, and the attempt counts as failed ({@link FailureClassifier.Kind#TIMED_OUT}).
 */
public final class HandlingTimedOut extends RuntimeException {

    public HandlingTimedOut(Duration limit) {
        super("did not end within the time limit of " + limit.toMillis() + " ms (crm.consumer.time-limit)", null, false, false);
    }
}
