package com.acme.crm.opportunity;

import com.acme.crm.contracts.qualification.StakeholderRef;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;
import java.util.UUID;

/** One of the lead's stakeholders on the opportunity made by its qualification. */
@Entity
@Table(name = "opportunity_stakeholder")
public class OpportunityStakeholder extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "opportunity_id")
    public UUID opportunityId;
    public int position;
    @Column(name = "contact_id")
    public UUID contactId;
    public String role;

    /** The opportunity's stakeholders, in the lead's order. Needs a session. */
    public static Uni<List<StakeholderRef>> of(UUID opportunityId) {
        return OpportunityStakeholder.<OpportunityStakeholder>find("opportunityId = ?1 order by position", opportunityId).list()
                .map(rows -> rows.stream().map(r -> new StakeholderRef(r.contactId, r.role)).toList());
    }
}
