package com.acme.crm.common.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.runtime.SessionOperations;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Set-based writes for a transaction that carries many units of work (a consumer's batch, a bulk job's window):
 * the rows its writers would insert one statement at a time (outbox messages, history entries, job rows, undone attempts,
 * the account and opportunity steps' new records...) are kept while its work runs and written at the end of that
 * work, inside the transaction; actions that must follow the commit (metrics) run after it. This is the
 * one way work is written before a commit: a later statement of the same transaction that reads a writer's rows
 * has them written first ({@link #writeNow}).
 *
 * <p>At the end, writers go in the order of their first row, and the waiting {@link Joinable} writers next to each
 * other are written by <b>one statement</b> ({@link JoinedWrites}: each writer's statement a data-modifying CTE), one
 * round trip for what was one per writer; a plain {@link Rows} writer runs its own statement(s) between them, in its
 * place. So a joinable writer's statement must neither read rows another writer of a unit writes (the parts share one
 * snapshot and do not see each other's rows) nor change a row another may change; a writer that does stays a plain
 * {@link Rows}. A failure of the joined statement (a row that breaks a constraint) fails the unit as a failed writer did:
 * a consumer's batch then handles each message alone, so only the message with that row is set aside.
 *
 * <p>The unit that opens the transaction opens the buffer ({@link #inTransaction}), so a buffer is always written by
 * the transaction it belongs to; a failed transaction discards it with everything else (a batch split and retried
 * writes each piece's rows once). Outside such a unit (a REST call's {@code @WithTransaction}) {@link #add} writes
 * at once, and so does {@link #writeNow}: each writer's own statement. The buffer lives on the Vert.x context, next to
 * the Panache session it goes with.
 */
public final class WriteBehind {

    private static final String KEY = WriteBehind.class.getName();

    /** Writes a writer's buffered rows, oldest first, in the running transaction (one statement, ideally). */
    @FunctionalInterface
    public interface Rows<R> {
        Uni<Void> write(List<R> rows);
    }

    /**
     * A writer whose rows one statement writes, which it gives instead of running it, so that a unit's end joins it with
     * the other joinable writers waiting there into one statement. Its statement must not read rows another writer of
     * the unit writes, nor change rows another may change (see the class comment). Alone it runs its own statement.
     */
    @FunctionalInterface
    public interface Joinable<R> extends Rows<R> {

        /** The statement that writes {@code rows} (oldest first) in {@code session}'s transaction, not run yet. */
        WriteStatement statement(Mutiny.Session session, List<R> rows);

        @Override
        default Uni<Void> write(List<R> rows) {
            return Panache.getSession().chain(session -> statement(session, rows).run(session));
        }
    }

    private final Map<Rows<?>, List<Object>> pending = new LinkedHashMap<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final Map<Object, Object> locals = new HashMap<>();

    private WriteBehind() {
    }

    /**
     * {@code work} in a transaction of its own whose buffered rows are written when the work has succeeded, before
     * the commit. Inside a running transaction (or buffer) it joins it: the enclosing unit writes and commits.
     */
    public static <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            if (context == null || current(context) != null || transactionRunning()) {
                return Panache.withTransaction(work);
            }
            WriteBehind buffer = new WriteBehind();
            context.putLocal(KEY, buffer);
            return Panache.withTransaction(() -> work.get().call(buffer::writeAll))
                    .eventually(() -> context.removeLocal(KEY))
                    .invoke(buffer::committed);
        });
    }

    /** Adds {@code row} to the running unit's buffer for {@code writer}; outside one, writes it now. */
    public static <R> Uni<Void> add(Rows<R> writer, R row) {
        WriteBehind buffer = current(Vertx.currentContext());
        if (buffer == null) {
            return writer.write(List.of(row));
        }
        buffer.keep(writer, row);
        return Uni.createFrom().voidItem();
    }

    /**
     * Adds {@code row} to the running unit's buffer for {@code writer}, for a work that ends at once (no Uni): only
     * inside a unit ({@link #buffering}), where {@link #add} would do the same; outside one it throws.
     */
    public static <R> void queue(Rows<R> writer, R row) {
        WriteBehind buffer = current(Vertx.currentContext());
        if (buffer == null) {
            throw new IllegalStateException("no WriteBehind unit runs here: its rows would never be written");
        }
        buffer.keep(writer, row);
    }

    /** Whether a unit's buffer is open here: {@link #queue} may be used. */
    public static boolean buffering() {
        return current(Vertx.currentContext()) != null;
    }

    @SuppressWarnings("unchecked")
    private <R> void keep(Rows<R> writer, R row) {
        ((List<R>) (List<?>) pending.computeIfAbsent(writer, w -> new ArrayList<>())).add(row);
    }

    /**
     * Writes the running unit's waiting rows of {@code writer} now, for a later statement of this transaction that
     * reads them (an undo that removes them, a chunk of notes that counts them); rows added after this wait again.
     * Nothing outside a unit (rows were written as they came) or when none wait.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Uni<Void> writeNow(Rows<?> writer) {
        WriteBehind buffer = current(Vertx.currentContext());
        List<Object> rows = buffer == null ? null : buffer.pending.remove(writer);
        return rows == null ? Uni.createFrom().voidItem() : ((Rows) writer).write(rows);
    }

    /** Runs {@code action} once the running unit's transaction has committed; outside one, at once. */
    public static void afterCommit(Runnable action) {
        WriteBehind buffer = current(Vertx.currentContext());
        if (buffer == null) {
            action.run();
        } else {
            buffer.afterCommit.add(action);
        }
    }

    /** A value kept for the running unit under {@code key} (made by {@code initial} at first use); null outside a unit. */
    @SuppressWarnings("unchecked")
    public static <V> V local(Object key, Supplier<V> initial) {
        WriteBehind buffer = current(Vertx.currentContext());
        return buffer == null ? null : (V) buffer.locals.computeIfAbsent(key, k -> initial.get());
    }

    private static WriteBehind current(Context context) {
        return context == null ? null : context.getLocal(KEY);
    }

    private static boolean transactionRunning() {
        Mutiny.Session session = SessionOperations.getCurrentSession();
        return session != null && session.isOpen() && session.currentTransaction() != null;
    }

    /**
     * Each writer's rows in one go, writers in the order of their first row (a writer may add rows to another's): the
     * joinable writers next to each other in one statement, a plain writer alone.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Uni<Void> writeAll() {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map.Entry<Rows<?>, List<Object>> first = pending.entrySet().iterator().next();
        if (!(first.getKey() instanceof Joinable<?>)) {
            pending.remove(first.getKey());
            return ((Rows) first.getKey()).write(first.getValue()).chain(this::writeAll);
        }
        return Panache.getSession().chain(session -> writeJoined(session, joinableStatements(session))).chain(this::writeAll);
    }

    /** The statements of the joinable writers at the buffer's head, taken out of it, up to the first plain writer. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<WriteStatement> joinableStatements(Mutiny.Session session) {
        List<WriteStatement> statements = new ArrayList<>();
        while (!pending.isEmpty()) {
            Map.Entry<Rows<?>, List<Object>> first = pending.entrySet().iterator().next();
            if (!(first.getKey() instanceof Joinable<?> writer)) {
                break;
            }
            pending.remove(writer);
            statements.add(((Joinable) writer).statement(session, first.getValue()));
        }
        return statements;
    }

    private static Uni<Void> writeJoined(Mutiny.Session session, List<WriteStatement> statements) {
        return statements.size() == 1 ? statements.get(0).run(session) : WriteStatement.runJoined(session, statements);
    }

    private void committed() {
        afterCommit.forEach(Runnable::run);
    }
}
