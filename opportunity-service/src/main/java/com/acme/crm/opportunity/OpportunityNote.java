package com.acme.crm.opportunity;

import com.acme.crm.contracts.qualification.CopiedNote;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One note copied from the lead, at its position among the lead's notes (oldest first, from 0). */
@Entity
@Table(name = "opportunity_note")
@IdClass(OpportunityNote.Key.class)
public class OpportunityNote extends PanacheEntityBase {

    @Id
    @Column(name = "opportunity_id")
    public UUID opportunityId;
    @Id
    @Column(name = "note_position")
    public int notePosition;
    public String text;
    public String author;
    @Column(name = "created_at")
    public Instant createdAt;

    public static OpportunityNote of(UUID opportunityId, int position, CopiedNote note) {
        OpportunityNote row = new OpportunityNote();
        row.opportunityId = opportunityId;
        row.notePosition = position;
        row.text = note.text();
        row.author = note.author();
        row.createdAt = note.createdAt();
        return row;
    }

    public CopiedNote copied() {
        return new CopiedNote(text, author, createdAt);
    }

    /** The composite key. */
    public static class Key implements Serializable {
        public UUID opportunityId;
        public int notePosition;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.notePosition == notePosition && Objects.equals(key.opportunityId, opportunityId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(opportunityId, notePosition);
        }
    }
}
