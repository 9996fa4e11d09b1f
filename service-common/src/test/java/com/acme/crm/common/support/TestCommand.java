package com.acme.crm.common.support;

import com.acme.crm.contracts.MessageType;

/** The test channel's command: which test it belongs to, and how many attempts at it must fail first. */
public record TestCommand(String id, int failTimes) {

    public static final String TOPIC = "crm.test.commands";
    /** Processed with {@code Handling.Once}; fails with a transient database error {@code failTimes} times. */
    public static final MessageType<TestCommand> FLAKY = new MessageType<>("crm.test.flaky.v1", TestCommand.class);
    /** Processed with {@code Handling.OnceOrReject}; the work finds a permanent problem. */
    public static final MessageType<TestCommand> REJECTED = new MessageType<>("crm.test.rejected.v1", TestCommand.class);
    /** Processed with {@code Handling.Once}; fails permanently until {@link TestCommandConsumer#fixPoison()}. */
    public static final MessageType<TestCommand> POISON = new MessageType<>("crm.test.poison.v1", TestCommand.class);
    /** A compensation: {@code Handling.UntilDone}; fails with a plain exception {@code failTimes} times. */
    public static final MessageType<TestCommand> UNDO = new MessageType<>("crm.test.undo.v1", TestCommand.class);
    /** Processed with {@code Handling.Once}; records how many effects of its command it saw before its own ("after N"). */
    public static final MessageType<TestCommand> COUNT = new MessageType<>("crm.test.count.v1", TestCommand.class);
    /**
     * Processed with {@code Handling.Once}; its effect waits for the batch's end (WriteBehind), as the services'
     * set-based work does, so its work runs no statement and ends at once.
     */
    public static final MessageType<TestCommand> BUFFERED = new MessageType<>("crm.test.buffered.v1", TestCommand.class);
    /**
     * As {@link #BUFFERED}, but the row it queues breaks a constraint (no outcome): the batch's joined statement of writes
     * fails at its end, outside any work; alone it fails every time, so it is set aside.
     */
    public static final MessageType<TestCommand> BAD_ROW = new MessageType<>("crm.test.bad-row.v1", TestCommand.class);
    /**
     * Processed with {@code Handling.Once}; while the test holds its command ({@code TestCommandConsumer.hold}), its work
     * does not end (a Uni that does not resolve, as a hung statement's) until the test releases it.
     */
    public static final MessageType<TestCommand> HANG = new MessageType<>("crm.test.hang.v1", TestCommand.class);
    /**
     * Processed with {@code Handling.Once}; updates its command's row in {@code test_effect} (message id
     * {@link #LOCKED_ROW}, written by the test, which may hold its lock from a connection of its own), then records "done".
     */
    public static final MessageType<TestCommand> TOUCH = new MessageType<>("crm.test.touch.v1", TestCommand.class);
    /**
     * Processed with {@code Handling.IdempotentByState} around {@code Handling.Once}: no inbox record; its work records
     * "done" only when its command has no effect yet (its own state makes a repeat change nothing); fails with a
     * transient database error {@code failTimes} times.
     */
    public static final MessageType<TestCommand> BY_STATE = new MessageType<>("crm.test.by-state.v1", TestCommand.class);
    /** The message id of the row a {@link #TOUCH} command updates. */
    public static final String LOCKED_ROW = "locked-row";
}
