package com.acme.crm.lead.history;

import com.acme.crm.lead.LeadState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One line of a lead's audit trail. Append-only: never updated. */
@Entity
@Table(name = "lead_history")
public class LeadHistoryEntry extends PanacheEntityBase {

    // A sequence, not an identity column: the insert then waits for the flush, after the lead's own insert.
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lead_history_seq")
    @SequenceGenerator(name = "lead_history_seq", sequenceName = "lead_history_seq", allocationSize = 50)
    public Long id;

    @Column(name = "lead_id", nullable = false, updatable = false)
    public UUID leadId;
    @Column(nullable = false, updatable = false)
    public Instant at;
    @Column(nullable = false, updatable = false)
    public String actor;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public HistoryAction action;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state", updatable = false)
    public LeadState fromState;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", updatable = false)
    public LeadState toState;
    @Column(updatable = false)
    public String details;

    /** Oldest first; the id breaks ties between entries of the same instant. */
    public static Uni<List<LeadHistoryEntry>> ofLead(UUID leadId) {
        return find("leadId = ?1 order by at, id", leadId).list();
    }
}
