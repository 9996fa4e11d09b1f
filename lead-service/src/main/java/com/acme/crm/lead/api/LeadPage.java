package com.acme.crm.lead.api;

import com.acme.crm.common.paging.Page;
import com.acme.crm.lead.Lead;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of the lead list; {@code nextCursor} is null on the last page. */
public record LeadPage(List<LeadView> items, @Schema(nullable = true) String nextCursor) {

    public static LeadPage of(Page<Lead> page) {
        return new LeadPage(page.items().stream().map(LeadView::of).toList(), page.nextCursor());
    }
}
