package com.acme.crm.lead;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A changeable item of a lead's timeline (SPEC §10): its lead, who made and last changed it, and a version against lost updates. */
@MappedSuperclass
public abstract class ItemOfLead extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "lead_id", nullable = false, updatable = false)
    public UUID leadId;
    @Version
    public long version;
    @Column(name = "created_at", updatable = false)
    public Instant createdAt;
    @Column(name = "created_by", updatable = false)
    public String createdBy;
    @Column(name = "modified_at")
    public Instant modifiedAt;
    @Column(name = "modified_by")
    public String modifiedBy;

    /** A new item of {@code leadId}, made now by {@code actor}. */
    protected void made(UUID leadId, String actor) {
        this.id = UUID.randomUUID();
        this.leadId = leadId;
        this.createdAt = Now.instant();
        this.createdBy = actor;
        this.modifiedAt = createdAt;
        this.modifiedBy = actor;
    }

    /** Changed now by {@code actor}. */
    public void changedBy(String actor) {
        this.modifiedAt = Now.instant();
        this.modifiedBy = actor;
    }
}
