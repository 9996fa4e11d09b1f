package com.acme.crm.lead.api;

import com.acme.crm.lead.LeadLifecycle;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import com.acme.crm.lead.access.Roles;
import com.acme.crm.lead.reasons.DisqualificationReasons;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Disqualify and reactivate (SPEC §4). Qualify has its own resource in the qualification package. */
@Path("/api/leads/{id}")
@Tag(name = "Leads")
@RolesAllowed({Roles.SALESPERSON, Roles.SALES_MANAGER, Roles.ADMIN})
public class LeadLifecycleResource {

    @Inject
    LeadLifecycle lifecycle;
    @Inject
    DisqualificationReasons reasons;
    @Inject
    SecurityIdentity caller;

    @POST
    @Path("/disqualify")
    @APIResponse(responseCode = "200", description = "The disqualified lead",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "400", description = "The reason is unknown or retired (violation on reason), or the note is too long")
    @APIResponse(responseCode = "409", description = "The lead is not open, is being qualified, has an opportunity, or already has the most notes (with a note)")
    @Operation(operationId = "disqualifyLead")
    public Uni<LeadView> disqualify(@PathParam("id") UUID id, @Valid @NotNull DisqualifyRequest request) {
        // the reason is checked here, against the organisation's list, and reaches the lifecycle with its label
        return reasons.requireActive(request.reason())
                .chain(reason -> lifecycle.disqualify(id, reason, request.note(), caller)).map(LeadView::of);
    }

    @POST
    @Path("/reactivate")
    @APIResponse(responseCode = "200", description = "The reactivated lead and the records an earlier qualification created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReactivatedLead.class)))
    @APIResponse(responseCode = "409", description = "The lead is already open")
    @Operation(operationId = "reactivateLead")
    public Uni<ReactivatedLead> reactivate(@PathParam("id") UUID id) {
        return lifecycle.reactivate(id, caller).map(lead -> new ReactivatedLead(LeadView.of(lead), RelatedRecords.of(lead)));
    }
}
