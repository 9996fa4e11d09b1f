package com.acme.crm.lead.search;

import com.acme.crm.lead.api.LeadView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of the lead list; {@code nextCursor} is null on the last page. */
public record LeadPage(List<LeadView> items, @Schema(nullable = true) String nextCursor) {
}
