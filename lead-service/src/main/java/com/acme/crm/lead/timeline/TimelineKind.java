package com.acme.crm.lead.timeline;

/** What a timeline item is; each kind carries its own fields in the item's member of the same name. */
public enum TimelineKind {
    /** A note ({@code note}). */
    NOTE,
    /** An activity, at its scheduling ({@code activity}, in its current state). */
    ACTIVITY,
    /** A stakeholder added, given another role or removed ({@code change}: a history entry). */
    STAKEHOLDER,
    /** An attachment added or removed ({@code change}: a history entry naming the file, its size and id). */
    ATTACHMENT,
    /** Any other change of the lead or of an activity ({@code change}: a history entry). */
    HISTORY
}
