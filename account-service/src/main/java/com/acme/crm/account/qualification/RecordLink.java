package com.acme.crm.account.qualification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One qualification attempt's use of a record it created or linked (one account and one contact
 * per attempt), written with the records in the resolve transaction. Compensation reads them to
 * keep what other attempts rely on (SPEC rule 9); a repeated command reads them to answer again.
 */
@Entity
@Table(name = "record_link")
@SqlResultSetMapping(name = AttemptLookup.ROW, columns = {@ColumnResult(name = "attempt", type = UUID.class),
        @ColumnResult(name = "what", type = String.class), @ColumnResult(name = "id", type = UUID.class)})
@IdClass(RecordLink.Key.class)
public class RecordLink extends PanacheEntityBase {

    public enum Kind { ACCOUNT, CONTACT }

    @Id
    @Column(name = "qualification_id")
    public UUID qualificationId;
    @Id
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Column(name = "record_id")
    public UUID recordId;
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(name = "linked_at")
    public Instant linkedAt;

    public static RecordLink of(UUID qualificationId, UUID leadId, Kind kind, UUID recordId) {
        RecordLink link = new RecordLink();
        link.qualificationId = qualificationId;
        link.leadId = leadId;
        link.kind = kind;
        link.recordId = recordId;
        link.linkedAt = Instant.now();
        return link;
    }

    /** The primary key: attempt and kind. */
    public static class Key implements Serializable {
        public UUID qualificationId;
        public Kind kind;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(qualificationId, other.qualificationId) && kind == other.kind;
        }

        @Override
        public int hashCode() {
            return Objects.hash(qualificationId, kind);
        }
    }
}
