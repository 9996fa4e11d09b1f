package com.acme.crm.lead.decisions;

import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.lead.Lead;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Which leads a batch's decisions changed without a flush, so that an event can carry the version the row will
 * have (its version plus the one update the flush makes) only where that is certain: the lead's first change in
 * a {@link WriteBehind} unit. A second change of one lead in a unit, or a change outside a unit, flushes first.
 */
final class PendingVersions {

    private static final Object KEY = PendingVersions.class;

    private PendingVersions() {
    }

    /** True, and remembered, when {@code lead} has no change of an earlier decision of this unit waiting for the flush. */
    static boolean firstChange(Lead lead) {
        Set<Lead> changed = WriteBehind.local(KEY, () -> Collections.newSetFromMap(new IdentityHashMap<>()));
        return changed != null && changed.add(lead);
    }
}
