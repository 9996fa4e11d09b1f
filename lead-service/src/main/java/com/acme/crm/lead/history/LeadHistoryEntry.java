package com.acme.crm.lead.history;

import com.acme.crm.lead.LeadState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One line of a lead's audit trail. Append-only: never updated; written by {@link LeadHistory}. */
@Entity
@Table(name = "lead_history")
public class LeadHistoryEntry extends PanacheEntityBase {

    /**
     * nextval of lead_history_seq, taken by {@link LeadHistory}'s insert (entries are written with SQL, read as
     * entities). The sequence still steps by 50, as when Hibernate took blocks of it: a replica of the old code
     * beside the new one during an upgrade keeps its blocks apart (each row now uses one value of 50: bigint has room).
     */
    @Id
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
