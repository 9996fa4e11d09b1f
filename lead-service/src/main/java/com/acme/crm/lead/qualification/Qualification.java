package com.acme.crm.lead.qualification;

import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** One qualification attempt of a lead: the request as resolved, and the saga's state. */
@Entity
@Table(name = "qualification")
public class Qualification extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "lead_id")
    public UUID leadId;
    @Enumerated(EnumType.STRING)
    public QualificationStatus status;

    @Column(name = "create_account")
    public boolean createAccount;
    @Column(name = "create_contact")
    public boolean createContact;
    @Column(name = "create_opportunity")
    public boolean createOpportunity;
    @Column(name = "existing_account_id")
    public UUID existingAccountId;
    @Column(name = "existing_contact_id")
    public UUID existingContactId;
    @Column(name = "opportunity_currency")
    public String opportunityCurrency;
    @Enumerated(EnumType.STRING)
    @Column(name = "duplicate_policy")
    public DuplicatePolicy duplicatePolicy;

    @Column(name = "account_id")
    public UUID accountId;
    @Column(name = "contact_id")
    public UUID contactId;
    @Column(name = "opportunity_id")
    public UUID opportunityId;
    /** The matches of a DUPLICATES_FOUND attempt, as JSON {@code {accounts: [...], contacts: [...]}}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String duplicates;
    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "started_at")
    public Instant startedAt;
    /** When a still running attempt is given up and compensated (SPEC §5 invariant 4). */
    public Instant deadline;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** The topics every message of this attempt travels on (LaneChoice); attempts from before lanes were BULK. */
    @Enumerated(EnumType.STRING)
    public Lane lane;
    @Version
    public long version;
}
