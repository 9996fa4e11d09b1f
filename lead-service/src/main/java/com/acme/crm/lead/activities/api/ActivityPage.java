package com.acme.crm.lead.activities.api;

import com.acme.crm.lead.activities.ActivityView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The OpenAPI shape of a page of activities (the answer is a {@code Page<ActivityView>}). */
@Schema(name = "ActivityPage")
record ActivityPage(List<ActivityView> items, @Schema(nullable = true, description = "null on the last page") String nextCursor) {
}
