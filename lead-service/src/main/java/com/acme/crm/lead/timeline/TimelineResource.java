package com.acme.crm.lead.timeline;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import com.acme.crm.common.api.QueryParameters;
import com.acme.crm.common.paging.Page;
import com.acme.crm.lead.access.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** {@code GET /api/leads/{id}/timeline} (SPEC §10). */
@Path("/api/leads/{id}/timeline")
@Tag(name = "Leads")
@RolesAllowed({Roles.SALESPERSON, Roles.SALES_MANAGER, Roles.ADMIN})
public class TimelineResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    @Inject
    LeadTimeline timeline;
    @Inject
    SecurityIdentity caller;

    /** The OpenAPI shape of the answer. */
    @Schema(name = "TimelinePage")
    record TimelinePage(List<TimelineItem> items, @Schema(nullable = true, description = "null on the last page") String nextCursor) {
    }

    @GET
    @APIResponse(responseCode = "200", description = "Notes, activities, attachments, stakeholder changes and history entries, newest first, keyset-paged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TimelinePage.class)))
    @APIResponse(responseCode = "400", description = "Bad limit or cursor", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such lead, or not the caller's", content = @Content(mediaType = "application/problem+json"))
    public Uni<Page<TimelineItem>> get(@PathParam("id") UUID id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = QueryParameters.number("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        return timeline.page(id, cursor == null || cursor.isBlank() ? null : cursor, size, caller);
    }
}
