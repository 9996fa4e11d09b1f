package com.acme.crm.common.setaside;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/**
 * A set-aside message as the operator sees it: where it came from ({@code outbox}: Kafka refused to
 * take it; {@code consumer}: this service could not process it), what it is, why, and its size in
 * bytes. {@code payload} only when one message is asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetAsideView(long id, String source, String messageId, String topic, @Schema(nullable = true) String key, @Schema(nullable = true) String type,
                           @Schema(nullable = true) String error, Instant setAsideAt, int size, @Schema(nullable = true) String payload) {
}
