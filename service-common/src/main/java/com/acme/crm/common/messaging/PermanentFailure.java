package com.acme.crm.common.messaging;

/**
 * Thrown by a message handler that knows its message can never succeed (a value out of range, a
 * record that does not exist, ...): it is not retried. {@code IdempotentConsumer} answers it with
 * the command's rejection, or sets the message aside; the reason is what the caller and the
 * operator get to read.
 */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String reason) {
        super(reason);
    }

    public PermanentFailure(String reason, Throwable cause) {
        super(reason, cause);
    }

    public String reason() {
        return getMessage();
    }
}
