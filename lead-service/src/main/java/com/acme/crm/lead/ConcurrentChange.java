package com.acme.crm.lead;

import com.acme.crm.common.problems.ProblemException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

/**
 * Someone (a user or the qualification saga) changed the lead between our read and our write:
 * the version check failed. Answered as a 409 the caller can retry, never as a 500.
 */
public final class ConcurrentChange {

    private ConcurrentChange() {
    }

    public static boolean detected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }

    public static ProblemException problem(Throwable failure) {
        return ProblemException.conflict("concurrent-change", "the lead was changed at the same time; read it again and retry");
    }
}
