package com.acme.crm.opportunity;

import com.acme.crm.contracts.qualification.CopiedNote;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** An opportunity's copied notes, one row each. Needs a session (and a transaction to store). */
@ApplicationScoped
public class OpportunityNotes {

    /** Every note, in the lead's order. */
    public Uni<List<CopiedNote>> of(UUID opportunityId) {
        return OpportunityNote.<OpportunityNote>find("opportunityId = ?1 order by notePosition", opportunityId).list()
                .map(rows -> rows.stream().map(OpportunityNote::copied).toList());
    }

    /** Stores {@code notes} at positions {@code first}, {@code first + 1}, …; positions already stored (a repeat) are skipped. */
    public Uni<Void> store(UUID opportunityId, int first, List<CopiedNote> notes) {
        if (notes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return OpportunityNote.<OpportunityNote>find("opportunityId = ?1 and notePosition between ?2 and ?3",
                        opportunityId, first, first + notes.size() - 1).list()
                .chain(stored -> {
                    Set<Integer> present = new HashSet<>();
                    stored.forEach(row -> present.add(row.notePosition));
                    List<OpportunityNote> missing = new ArrayList<>();
                    for (int i = 0; i < notes.size(); i++) {
                        if (!present.contains(first + i)) {
                            missing.add(OpportunityNote.of(opportunityId, first + i, notes.get(i)));
                        }
                    }
                    return missing.isEmpty() ? Uni.createFrom().voidItem() : OpportunityNote.persist(missing);
                });
    }

    public Uni<Long> count(UUID opportunityId) {
        return OpportunityNote.count("opportunityId", opportunityId);
    }
}
