package com.acme.crm.lead.search;

import com.acme.crm.lead.StatusReason;

/**
 * One page request of the lead list, with the caller's visibility already decided:
 * {@code visibleOwner} is the only owner the caller may see, or null when they see every lead.
 */
public record LeadCriteria(
        LeadListView view,
        String caller,
        String visibleOwner,
        String q,
        StatusReason statusReason,
        String ownerId,
        LeadSort sort,
        Cursor after,
        int limit) {
}
