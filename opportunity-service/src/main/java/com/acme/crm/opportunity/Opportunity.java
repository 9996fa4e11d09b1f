package com.acme.crm.opportunity;

import com.acme.crm.contracts.opportunity.OpportunitySummary;
import com.acme.crm.opportunity.qualification.AttemptLookup;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A deal the sales team tracks; qualification makes one per qualified lead that asks for it. Its
 * notes are rows of their own ({@link OpportunityNote}), copied from the lead in bounded chunks.
 */
@Entity
@Table(name = "opportunity")
@SqlResultSetMapping(name = AttemptLookup.ROW, columns = {@ColumnResult(name = "attempt", type = UUID.class),
        @ColumnResult(name = "what", type = String.class), @ColumnResult(name = "id", type = UUID.class)})
public class Opportunity extends PanacheEntityBase {

    /** The sales stages; qualification starts every opportunity at DEVELOP. */
    public enum Stage { QUALIFY, DEVELOP, PROPOSE, CLOSE }

    @Id
    public UUID id;
    public String name;
    @Column(name = "account_id")
    public UUID accountId;
    @Column(name = "contact_id")
    public UUID contactId;
    public String currency;
    @Column(name = "estimated_value")
    public BigDecimal estimatedValue;
    @Column(name = "purchase_timeframe")
    public String purchaseTimeframe;
    @Column(name = "purchase_process")
    public String purchaseProcess;
    @Column(name = "decision_maker")
    public Boolean decisionMaker;
    public String description;
    @Enumerated(EnumType.STRING)
    public Stage stage;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "originating_lead_id")
    public UUID originatingLeadId;
    /** The qualification attempt that made it: at most one per attempt (unique), and what an undo removes. */
    @Column(name = "created_by_qualification")
    public UUID createdByQualification;
    /** How many notes the lead had; the opportunity is confirmed once that many are stored. */
    @Column(name = "note_count")
    public int noteCount;
    /** When every note was stored and the qualification was told (null until then). */
    @Column(name = "confirmed_at")
    public Instant confirmedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "modified_at")
    public Instant modifiedAt;
    @Version
    public long version;

    /** What the public events carry: everything but the note texts. */
    public OpportunitySummary summary() {
        return new OpportunitySummary(id, name, accountId, contactId, currency, estimatedValue, purchaseTimeframe,
                purchaseProcess, decisionMaker, description, stage.name(), originatingLeadId, ownerId, noteCount,
                createdAt, modifiedAt, version);
    }
}
