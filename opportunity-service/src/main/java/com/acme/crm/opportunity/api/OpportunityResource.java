package com.acme.crm.opportunity.api;

import com.acme.crm.common.api.Page;
import com.acme.crm.opportunity.OpportunityService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Opportunities over HTTP (SPEC §4): read-only here; qualification creates them. */
@Path("/api/opportunities")
@Tag(name = "Opportunities")
@RolesAllowed({"salesperson", "sales-manager", "admin"})
public class OpportunityResource {

    @Inject
    OpportunityService opportunities;

    @GET
    public Uni<Page<OpportunityView>> list(@QueryParam("accountId") UUID accountId,
                                           @QueryParam("originatingLeadId") UUID originatingLeadId,
                                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                           @QueryParam("cursor") String cursor) {
        return opportunities.list(accountId, originatingLeadId, limit, cursor);
    }

    @GET
    @Path("/{id}")
    public Uni<OpportunityView> get(@PathParam("id") UUID id) {
        return opportunities.get(id);
    }
}
