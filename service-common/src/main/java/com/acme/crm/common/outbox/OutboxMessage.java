package com.acme.crm.common.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A message waiting to be relayed to Kafka. Written in the same transaction as the change it
 * reports, so it exists if and only if the change was committed; deleted once Kafka has it.
 */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The stable {@code ce_id}: a repeat of this message carries the same id. */
    @Column(name = "message_id", nullable = false, updatable = false)
    public String messageId;

    @Column(nullable = false, updatable = false)
    public String topic;

    @Column(name = "message_key", nullable = false, updatable = false)
    public String messageKey;

    @Column(nullable = false, updatable = false)
    public String type;

    @Column(nullable = false, updatable = false)
    public String payload;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    /** The W3C traceparent of the work that wrote it, null when tracing is off (see {@link TraceParent}). */
    @Column(updatable = false)
    public String traceparent;
}
