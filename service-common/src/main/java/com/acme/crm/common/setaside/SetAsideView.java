package com.acme.crm.common.setaside;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A set-aside message as the operator sees it: where it came from ({@code outbox}: Kafka refused to
 * take it; {@code consumer}: this service could not process it), what it is, why, and its size in
 * bytes. {@code payload} only when one message is asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetAsideView(long id, String source, String messageId, String topic, String key, String type,
                           String error, Instant setAsideAt, int size, String payload) {
}
