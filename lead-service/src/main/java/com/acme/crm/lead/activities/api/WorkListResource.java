package com.acme.crm.lead.activities.api;

import org.eclipse.microprofile.openapi.annotations.headers.Header;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import com.acme.crm.common.api.QueryParameters;
import com.acme.crm.common.paging.Page;
import com.acme.crm.lead.access.Roles;
import com.acme.crm.lead.activities.ActivityView;
import com.acme.crm.lead.activities.WorkList;
import com.acme.crm.lead.activities.WorkListView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's work list across leads (SPEC §10). */
@Path("/api/activities")
@Tag(name = "Activities")
@RolesAllowed({Roles.SALESPERSON, Roles.SALES_MANAGER, Roles.ADMIN})
public class WorkListResource {

    @Inject
    WorkList workList;
    @Inject
    SecurityIdentity caller;

    @GET
    @APIResponse(responseCode = "200", description = "Newest first, keyset-paged. Salespeople see the activities they own and those of their leads",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityPage.class)))
    @APIResponse(responseCode = "400", description = "Bad view, limit or cursor", content = @Content(mediaType = ActivitiesResource.PROBLEM))
    public Uni<Page<ActivityView>> list(
            @QueryParam("view") @Schema(type = SchemaType.STRING, enumeration = {"my-open", "overdue", "all"}, defaultValue = "my-open") String view,
            @QueryParam("ownerId") String ownerId, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        WorkListView parsed = WorkListView.parse(view);
        int size = QueryParameters.number("limit", limit, 1, ActivitiesResource.MAX_LIMIT, ActivitiesResource.DEFAULT_LIMIT);
        return workList.page(parsed, ActivitiesResource.blankToNull(ownerId), ActivitiesResource.blankToNull(cursor), size, caller);
    }
}
