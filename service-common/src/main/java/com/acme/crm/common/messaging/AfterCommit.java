package com.acme.crm.common.messaging;

import org.hibernate.reactive.engine.ReactiveAfterTransactionCompletionProcess;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.session.ReactiveSession;

import java.util.concurrent.CompletableFuture;

/**
 * Runs an action once a Hibernate Reactive session's running transaction has committed (never if it rolls back): by
 * then the commit's changes are visible to every other session, so a wake-up sent from here can never arrive before
 * them. The one way the services act after a commit made through Hibernate, whatever opened the transaction (a REST
 * call's {@code @WithTransaction} or a {@code WriteBehind} unit).
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static void run(Mutiny.Session session, Runnable action) {
        ReactiveAfterTransactionCompletionProcess process = (committed, ignored) -> {
            if (committed) {
                action.run();
            }
            return CompletableFuture.completedFuture(null);
        };
        // Hibernate Reactive runs a session's after-completion processes once its transaction has ended
        if (!(session instanceof MutinySessionImpl hibernate)) {
            throw new IllegalStateException("not a Hibernate Reactive session: " + session.getClass()
                    + "; nothing would run after its commit");
        }
        hibernate.unwrap(ReactiveSession.class).getReactiveActionQueue().registerProcess(process);
    }
}
