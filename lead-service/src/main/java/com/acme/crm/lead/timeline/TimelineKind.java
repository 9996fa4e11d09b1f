package com.acme.crm.lead.timeline;

/** What a timeline item is; each kind carries its own fields in the item's member of the same name. */
public enum TimelineKind {
    /** A note ({@code note}). */
    NOTE,
    /** An activity, at its scheduling ({@code activity}, in its current state). */
    ACTIVITY,
    /** A stakeholder added, given another role or removed ({@code change}: a history entry). */
    STAKEHOLDER,
    /** A file on the lead, at its upload ({@code attachment}); its removal is a {@link #HISTORY} entry naming it. */
    ATTACHMENT,
    /** Any other change of the lead, of an activity or of an attachment ({@code change}: a history entry). */
    HISTORY;

    /** Whether items of this kind are lead_history rows (keyed by the entry's id). */
    boolean isHistoryEntry() {
        return this == STAKEHOLDER || this == HISTORY;
    }
}
