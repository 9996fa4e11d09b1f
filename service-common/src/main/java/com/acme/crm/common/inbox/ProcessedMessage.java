package com.acme.crm.common.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The inbox's table. {@link Inbox} writes it with SQL; the entity is here for the named result
 * mapping of its batch insert (JPA keeps those on an entity).
 */
@Entity
@Table(name = "processed_message")
@SqlResultSetMapping(name = Inbox.MESSAGE_ID, columns = @ColumnResult(name = "message_id", type = String.class))
public class ProcessedMessage {

    @Id
    @Column(name = "message_id")
    public String messageId;

    @Column(name = "processed_at")
    public Instant processedAt;
}
