package com.acme.crm.opportunity;

import com.acme.crm.contracts.qualification.CopiedNote;
import com.acme.crm.common.persistence.CombinedInsert;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An opportunity's copied notes, one row each. Needs a session (and a transaction to store). */
@ApplicationScoped
public class OpportunityNotes {

    /** Every note, in the lead's order. */
    public Uni<List<CopiedNote>> of(UUID opportunityId) {
        return OpportunityNote.<OpportunityNote>find("opportunityId = ?1 order by notePosition", opportunityId).list()
                .map(rows -> rows.stream().map(OpportunityNote::copied).toList());
    }

    private static final List<String> COLUMNS = List.of("opportunity_id", "note_position", "text", "author", "created_at");

    /** Stores {@code notes} at positions {@code first}, {@code first + 1}, …; positions already stored (a repeat) are skipped. */
    public Uni<Void> store(UUID opportunityId, int first, List<CopiedNote> notes) {
        return addTo(new CombinedInsert(), opportunityId, first, notes).execute();
    }

    /** Adds the rows of {@link #store} to {@code insert}, to be written in one statement with others. */
    public CombinedInsert addTo(CombinedInsert insert, UUID opportunityId, int first, List<CopiedNote> notes) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < notes.size(); i++) {
            CopiedNote note = notes.get(i);
            rows.add(new Object[]{opportunityId, first + i, note.text(), note.author(), note.createdAt()});
        }
        return insert.into("opportunity_note", COLUMNS, rows, "on conflict (opportunity_id, note_position) do nothing");
    }

    public Uni<Long> count(UUID opportunityId) {
        return OpportunityNote.count("opportunityId", opportunityId);
    }
}
