package com.acme.crm.common.inbox;

import io.smallrye.mutiny.Uni;

import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * How a service handles one incoming message, chosen from its type: the work, and what a failure
 * that will not change on retry leads to (issue 8's rules, applied by {@link IdempotentConsumer}).
 * The work joins the transaction it is called in and runs once per message id: the inbox records the id with the
 * work's change and skips a repeat, unless the service says its own state already does ({@link IdempotentByState}).
 * A work that has done everything when it returns (decided from facts already loaded, its rows queued in WriteBehind)
 * returns {@link com.acme.crm.common.flow.InOrder#DONE}: a batch then goes on to the next message without a Uni for it.
 */
public sealed interface Handling {

    Supplier<Uni<Void>> work();

    /**
     * A message of a type this service does not act on (a shared topic carries it for others): no
     * work and no inbox record, since a repeat of it changes nothing either.
     */
    record NotForUs() implements Handling {
        @Override
        public Supplier<Uni<Void>> work() {
            return () -> Uni.createFrom().voidItem();
        }
    }

    /** Set aside for an operator when it cannot succeed. */
    record Once(Supplier<Uni<Void>> work) implements Handling {
    }

    /** Answered at once with {@code rejection} (given the reason) when it cannot succeed (SPEC rule 7). */
    record OnceOrReject(Supplier<Uni<Void>> work, Function<String, Uni<Void>> rejection) implements Handling {
    }

    /** A compensation: retried until done, never set aside (SPEC rule 8). */
    record UntilDone(Supplier<Uni<Void>> work) implements Handling {
    }

    /**
     * {@code handling} without an inbox record, for a message type whose repeat the service's own state already makes
     * harmless: a second delivery of the same {@code ce_id} (redelivered after a crash, twice in one poll, or after its
     * change was overtaken) is handled again and must find its change made, change nothing and send nothing. The
     * service says where its state decides that, beside the mapping. {@code handling}'s failure rules apply unchanged
     * (set aside, rejected, retried until done); a rejection, too, runs without an inbox record.
     */
    record IdempotentByState(Handling handling) implements Handling {
        public IdempotentByState {
            if (handling instanceof IdempotentByState || handling instanceof NotForUs) {
                throw new IllegalArgumentException("a handling with failure rules is needed, not " + handling);
            }
        }

        @Override
        public Supplier<Uni<Void>> work() {
            return handling.work();
        }
    }

    /** Whether a handled message's id goes into the inbox, which then skips its repeats (all but {@link IdempotentByState}). */
    default boolean recordedInInbox() {
        return !(this instanceof IdempotentByState);
    }

    /** The handling whose failure rules apply: this one, or the one {@link IdempotentByState} carries. */
    default Handling rules() {
        return this instanceof IdempotentByState byState ? byState.handling() : this;
    }

    /** The same handling with {@code wrap} around its work (and its rejection). */
    default Handling around(UnaryOperator<Supplier<Uni<Void>>> wrap) {
        if (this instanceof NotForUs) {
            return this;
        }
        if (this instanceof IdempotentByState byState) {
            return new IdempotentByState(byState.handling().around(wrap));
        }
        if (this instanceof OnceOrReject reject) {
            return new OnceOrReject(wrap.apply(work()), reason -> wrap.apply(() -> reject.rejection().apply(reason)).get());
        }
        if (this instanceof UntilDone) {
            return new UntilDone(wrap.apply(work()));
        }
        return new Once(wrap.apply(work()));
    }

    /** A message that can never be processed (unknown type, unreadable data): set aside. */
    static Handling refused(RuntimeException why) {
        return new Once(() -> Uni.createFrom().failure(why));
    }
}
