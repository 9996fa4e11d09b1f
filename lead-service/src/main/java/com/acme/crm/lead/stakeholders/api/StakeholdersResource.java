package com.acme.crm.lead.stakeholders.api;

import com.acme.crm.common.api.Created;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import com.acme.crm.lead.access.Roles;
import com.acme.crm.lead.stakeholders.LeadStakeholders;
import com.acme.crm.lead.stakeholders.NewStakeholder;
import com.acme.crm.lead.stakeholders.RoleChange;
import com.acme.crm.lead.stakeholders.StakeholderView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** A lead's stakeholders (SPEC §10). */
@Path("/api/leads/{id}/stakeholders")
@Tag(name = "Stakeholders")
@RolesAllowed({Roles.SALESPERSON, Roles.SALES_MANAGER, Roles.ADMIN})
public class StakeholdersResource {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    LeadStakeholders stakeholders;
    @Inject
    SecurityIdentity caller;

    @POST
    @APIResponse(responseCode = "201", description = "Added; Location names it",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/leads/{id}/stakeholders/{stakeholderId}", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StakeholderView.class)))
    @APIResponse(responseCode = "400", description = "Bad contactId or role", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such lead, or not the caller's", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "The contact is already a stakeholder of this lead", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "422", description = "The contact is unknown (after waiting a few seconds for its event) or deleted; the violation names contactId",
            content = @Content(mediaType = PROBLEM))
    public Uni<Response> add(@PathParam("id") UUID id, @Valid @NotNull NewStakeholder wanted) {
        return stakeholders.add(id, wanted, caller).map(view ->
                Created.at("/api/leads/" + id + "/stakeholders/" + view.id(), view));
    }

    @GET
    @APIResponse(responseCode = "200", description = "In the order they were added, each with the contact's current name, email and job title",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = StakeholderView.class)))
    @APIResponse(responseCode = "404", description = "No such lead, or not the caller's", content = @Content(mediaType = PROBLEM))
    public Uni<List<StakeholderView>> list(@PathParam("id") UUID id) {
        return stakeholders.list(id, caller);
    }

    @PATCH
    @Path("/{stakeholderId}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The role changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StakeholderView.class)))
    @APIResponse(responseCode = "400", description = "Bad role", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such stakeholder on a lead the caller may see", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "Changed at the same time", content = @Content(mediaType = PROBLEM))
    public Uni<StakeholderView> changeRole(@PathParam("id") UUID id, @PathParam("stakeholderId") UUID stakeholderId,
                                           @Valid @NotNull RoleChange change) {
        return stakeholders.changeRole(id, stakeholderId, change, caller);
    }

    @DELETE
    @Path("/{stakeholderId}")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such stakeholder on a lead the caller may see", content = @Content(mediaType = PROBLEM))
    public Uni<Response> remove(@PathParam("id") UUID id, @PathParam("stakeholderId") UUID stakeholderId) {
        return stakeholders.remove(id, stakeholderId, caller).replaceWith(Response.noContent().build());
    }
}
