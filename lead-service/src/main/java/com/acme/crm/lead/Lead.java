package com.acme.crm.lead;

import com.acme.crm.lead.qualification.Qualification;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.Formula;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;

/** The lead aggregate: a person or company that may buy (SPEC §3). */
@Entity
@Table(name = "lead")
public class Lead extends PanacheEntityBase {

    @Id
    public UUID id;

    public String topic;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    @Column(name = "job_title")
    public String jobTitle;
    @Column(name = "company_name")
    public String companyName;
    public String email;
    @Column(name = "business_phone")
    public String businessPhone;
    @Column(name = "mobile_phone")
    public String mobilePhone;
    public String website;
    @Embedded
    public Address address;
    public String industry;
    @Enumerated(EnumType.STRING)
    @Column(name = "preferred_contact_method")
    public LeadEnums.ContactMethod preferredContactMethod;
    @Enumerated(EnumType.STRING)
    @Column(name = "lead_source")
    public LeadEnums.LeadSource leadSource;

    @Column(name = "budget_amount")
    public BigDecimal budgetAmount;
    public String currency;
    @Enumerated(EnumType.STRING)
    @Column(name = "purchase_timeframe")
    public LeadEnums.PurchaseTimeframe purchaseTimeframe;
    @Enumerated(EnumType.STRING)
    @Column(name = "purchase_process")
    public LeadEnums.PurchaseProcess purchaseProcess;
    @Column(name = "decision_maker")
    public Boolean decisionMaker;
    public String description;
    @Column(name = "existing_account_id")
    public UUID existingAccountId;
    @Column(name = "existing_contact_id")
    public UUID existingContactId;
    @Column(name = "source_campaign_id")
    public String sourceCampaignId;
    @Column(name = "owner_id")
    public String ownerId;

    @Enumerated(EnumType.STRING)
    public LeadState state;
    @Column(name = "status_reason")
    public StatusReason statusReason;
    /** The current label of an organisation's own disqualification reason (SPEC §10); null for system reasons. */
    @Formula("(select r.label from disqualification_reason r where r.code = status_reason)")
    public String customReasonLabel;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "modified_at")
    public Instant modifiedAt;
    @Column(name = "modified_by")
    public String modifiedBy;
    @Column(name = "closed_at")
    public Instant closedAt;

    /** True while a qualification attempt runs: the lead is then locked against edits and other attempts. */
    @Column(name = "qualification_in_progress")
    public boolean qualificationInProgress;
    /** The latest qualification attempt, if any. */
    @Column(name = "qualification_id")
    public UUID qualificationId;
    /** The same attempt as a record, for the lead's view (SPEC §3 {@code qualification}); read-only here. */
    @OneToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "qualification_id", insertable = false, updatable = false)
    public Qualification latestQualification;
    @Column(name = "account_id")
    public UUID accountId;
    @Column(name = "contact_id")
    public UUID contactId;
    @Column(name = "opportunity_id")
    public UUID opportunityId;

    public boolean isOpen() {
        return state == LeadState.OPEN;
    }

    public String fullName() {
        return firstName == null ? lastName : firstName + " " + lastName;
    }

    /** The status reason's label; for an organisation's own disqualification reason its current label (SPEC §10). */
    public String statusReasonLabel() {
        if (statusReason == null) {
            return null;
        }
        return statusReason.label() != null ? statusReason.label() : customReasonLabel;
    }

    /**
     * The budget with the two decimals the database keeps (numeric(19, 2)): 25000.00 whether the lead
     * was just written (the caller's 25000) or read back, in answers and events alike.
     */
    public BigDecimal storedBudgetAmount() {
        return budgetAmount == null ? null : budgetAmount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
