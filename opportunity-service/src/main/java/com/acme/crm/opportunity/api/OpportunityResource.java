package com.acme.crm.opportunity.api;

import com.acme.crm.common.api.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import com.acme.crm.common.paging.Page;
import com.acme.crm.contracts.opportunity.OpportunitySummary;
import com.acme.crm.opportunity.OpportunityService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * Opportunities over HTTP (SPEC §4): read-only here; qualification creates them. The list shows
 * each opportunity without its note texts ({@code noteCount}); GET by id shows every note.
 */
@Path("/api/opportunities")
@Tag(name = "Opportunities")
@RolesAllowed({"salesperson", "sales-manager", "admin"})
public class OpportunityResource {

    static final int MAX_LIMIT = 200;

    @Inject
    OpportunityService opportunities;

    @GET
    @Operation(operationId = "listOpportunities")
    public Uni<Page<OpportunitySummary>> list(@QueryParam("accountId") String accountId,
                                              @QueryParam("originatingLeadId") String originatingLeadId,
                                              @QueryParam("limit") String limit,
                                              @QueryParam("cursor") String cursor) {
        return Uni.createFrom().deferred(() -> opportunities.list(QueryParameters.uuid("accountId", accountId),
                QueryParameters.uuid("originatingLeadId", originatingLeadId),
                QueryParameters.number("limit", limit, 1, MAX_LIMIT, 50), cursor == null || cursor.isEmpty() ? null : cursor));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getOpportunity")
    public Uni<OpportunityView> get(@PathParam("id") UUID id) {
        return opportunities.get(id).map(OpportunityView::of);
    }
}
