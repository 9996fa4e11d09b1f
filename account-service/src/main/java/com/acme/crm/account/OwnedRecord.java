package com.acme.crm.account;

import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * What accounts and contacts both carry: who owns them, who made them and when, and, when a
 * qualification made them, the lead and the attempt (so a failed attempt removes exactly its own).
 */
@MappedSuperclass
public abstract class OwnedRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "originating_lead_id")
    public UUID originatingLeadId;
    @Column(name = "created_by_qualification")
    public UUID createdByQualification;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "modified_at")
    public Instant modifiedAt;
    @Version
    public long version;

    /** A new record made by hand: owned by its creator. */
    protected void madeBy(String actor) {
        id = UUID.randomUUID();
        ownerId = actor;
        createdBy = actor;
        createdAt = Instant.now();
        modifiedAt = createdAt;
    }

    /** A new record made by a qualification attempt: owned by the lead's owner (SPEC §5), pointing back to the lead. */
    public void madeBy(ResolveAccountAndContact command) {
        madeBy(command.ownerId());
        originatingLeadId = command.leadId();
        createdByQualification = command.qualificationId();
    }
}
