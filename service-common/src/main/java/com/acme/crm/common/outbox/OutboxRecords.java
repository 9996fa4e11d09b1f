package com.acme.crm.common.outbox;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * An outbox row as the Kafka record the relay sends: a CloudEvent in binary mode (the CloudEvents Kafka binding), its
 * attributes as {@code ce_} headers, the data content type as {@code content-type} alone, the row's key and payload as
 * written. Header for header (names, order, bytes) what SmallRye's connector wrote from a message's CloudEvent
 * metadata when the relay still sent through it (its {@code KafkaCloudEventHelper} in binary mode): the relay now
 * hands records to the channel's producer itself, and consumers (ours, and any reader of the public topics) see the
 * same record. Plain, no I/O; the {@code traceparent} header, when a row has one, is the relay's to add
 * ({@link RelaySpans}).
 */
final class OutboxRecords {

    private static final byte[] SPEC_VERSION = bytes("1.0");
    private static final byte[] JSON = bytes("application/json");

    private final byte[] source;

    /** Records of the service {@code serviceName}: their {@code ce_source} is {@code /serviceName}. */
    OutboxRecords(String serviceName) {
        this.source = bytes("/" + serviceName);
    }

    ProducerRecord<String, String> record(String topic, String key, String messageId, String type,
                                          OffsetDateTime createdAt, String payload) {
        Headers headers = new RecordHeaders()
                .add("content-type", JSON)
                .add("ce_specversion", SPEC_VERSION)
                .add("ce_id", bytes(messageId))
                .add("ce_type", bytes(type))
                .add("ce_source", source)
                .add("ce_subject", bytes(key))
                .add("ce_time", bytes(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(createdAt)));
        return new ProducerRecord<>(topic, null, null, key, payload, headers);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
