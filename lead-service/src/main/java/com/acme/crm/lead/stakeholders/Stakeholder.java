package com.acme.crm.lead.stakeholders;

import com.acme.crm.lead.ItemOfLead;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.util.UUID;

/** A contact that takes part in a lead's decision, with its role; a contact is a stakeholder of a lead at most once. */
@Entity
@Table(name = "lead_stakeholder")
public class Stakeholder extends ItemOfLead {

    @Column(name = "contact_id", nullable = false, updatable = false)
    public UUID contactId;
    @Enumerated(EnumType.STRING)
    public StakeholderRole role;

    static Stakeholder of(UUID leadId, UUID contactId, StakeholderRole role, String actor) {
        Stakeholder stakeholder = new Stakeholder();
        stakeholder.made(leadId, actor);
        stakeholder.contactId = contactId;
        stakeholder.role = role;
        return stakeholder;
    }
}
