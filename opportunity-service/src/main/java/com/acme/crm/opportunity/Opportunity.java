package com.acme.crm.opportunity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A deal the sales team tracks; qualification makes one per qualified lead that asks for it. */
@Entity
@Table(name = "opportunity")
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
    /** JSON array of the copied lead notes (text: Hibernate Reactive's JSON mapping reads objects only). */
    public String notes;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "modified_at")
    public Instant modifiedAt;
    @Version
    public long version;
}
