package com.acme.crm.opportunity;

import com.acme.crm.contracts.qualification.CopiedNote;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** An opportunity's copied notes, one row each (written by the step's {@code OpportunityRows}). Needs a session. */
@ApplicationScoped
public class OpportunityNotes {

    /** Every note, in the lead's order. */
    public Uni<List<CopiedNote>> of(UUID opportunityId) {
        return OpportunityNote.<OpportunityNote>find("opportunityId = ?1 order by notePosition", opportunityId).list()
                .map(rows -> rows.stream().map(OpportunityNote::copied).toList());
    }

    public Uni<Long> count(UUID opportunityId) {
        return OpportunityNote.count("opportunityId", opportunityId);
    }
}
