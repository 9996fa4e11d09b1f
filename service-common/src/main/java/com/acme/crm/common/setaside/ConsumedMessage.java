package com.acme.crm.common.setaside;

import java.time.Instant;

/** A message as a consumer received it, enough to publish it again to the same topic. */
public record ConsumedMessage(String id, String topic, String key, String type, String payload, Instant createdAt,
                              String traceparent) {
}
