package com.acme.crm.lead.decisions;

import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.lead.Lead;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Which leads a unit's decisions (a {@link WriteBehind} batch) changed without a flush. Within a unit an event
 * carries the version the lead's row will have (its version plus the flush's one update) instead of flushing per
 * decision; that is exact only while one change per lead is pending, so a lead changed again in the unit is
 * flushed first. Outside a unit (a REST call) the writer flushes before an event, as it always did.
 */
final class PendingVersions {

    /** What a change of a lead is, in its transaction. */
    enum Change {
        /** not in a unit: no version is predicted */
        OUTSIDE_UNIT,
        /** the lead's first change in the unit */
        FIRST,
        /** the unit changed the lead before: flush that first */
        AGAIN
    }

    private static final Object KEY = PendingVersions.class;

    private PendingVersions() {
    }

    /** Records that the running unit changes {@code lead} now. */
    static Change change(Lead lead) {
        Set<Lead> changed = WriteBehind.local(KEY, () -> Collections.newSetFromMap(new IdentityHashMap<>()));
        if (changed == null) {
            return Change.OUTSIDE_UNIT;
        }
        return changed.add(lead) ? Change.FIRST : Change.AGAIN;
    }
}
