package com.acme.crm.lead.notes;

import com.acme.crm.lead.Now;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A free-text note on a lead, with its author and time (copied to the opportunity on qualification). */
@Entity
@Table(name = "lead_note")
public class LeadNote extends PanacheEntityBase {

    public static final int MAX_TEXT_LENGTH = 10_000;
    /**
     * The most notes a lead can have. Every note is copied to the opportunity when the lead is
     * qualified, in messages of bounded size; the limit bounds that work and the opportunity's size.
     */
    public static final int MAX_NOTES = 500;

    @Id
    public UUID id;
    @Column(name = "lead_id", nullable = false, updatable = false)
    public UUID leadId;
    @Column(nullable = false, updatable = false)
    public String text;
    @Column(nullable = false, updatable = false)
    public String author;
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public static LeadNote of(UUID leadId, String text, String author) {
        LeadNote note = new LeadNote();
        note.id = UUID.randomUUID();
        note.leadId = leadId;
        note.text = text;
        note.author = author;
        note.createdAt = Now.instant();
        return note;
    }

    /** Oldest first. Needs a session. */
    public static Uni<List<LeadNote>> ofLead(UUID leadId) {
        return find("leadId = ?1 order by createdAt, id", leadId).list();
    }

    public static Uni<Long> countOfLead(UUID leadId) {
        return count("leadId", leadId);
    }

    public static Uni<Long> deleteOfLead(UUID leadId) {
        return delete("leadId", leadId);
    }
}
