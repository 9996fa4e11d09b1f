package com.acme.crm.lead.api;

import com.acme.crm.common.api.Created;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import jakarta.ws.rs.core.MediaType;
import com.acme.crm.lead.StatusReason;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.access.Roles;
import com.acme.crm.lead.reasons.DisqualificationReasons;
import com.acme.crm.lead.reasons.NewReason;
import com.acme.crm.lead.reasons.ReasonChange;
import com.acme.crm.lead.reasons.ReasonView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The disqualification reasons (SPEC §10): everyone reads them, admins add, relabel and retire the organisation's own. */
@Path("/api/settings/disqualification-reasons")
@Tag(name = "Settings")
public class DisqualificationReasonResource {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    DisqualificationReasons reasons;
    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({Roles.SALESPERSON, Roles.SALES_MANAGER, Roles.ADMIN})
    @APIResponse(responseCode = "200", description = "The four system reasons, then the organisation's own (retired ones included) by code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ReasonView.class)))
    public Uni<List<ReasonView>> list() {
        return reasons.list();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "201", description = "Added; Location names it",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/settings/disqualification-reasons/{code}", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReasonView.class)))
    @APIResponse(responseCode = "400", description = "Bad code or label", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "The code is taken (by a system reason or the organisation's own)",
            content = @Content(mediaType = PROBLEM))
    public Uni<Response> create(@Valid @NotNull NewReason wanted) {
        return reasons.create(wanted, LeadAccess.userId(caller)).map(created ->
                Created.at("/api/settings/disqualification-reasons/" + created.code(), created));
    }

    @PATCH
    @Path("/{code}")
    @Consumes({"application/merge-patch+json", "application/json"})
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReasonView.class)))
    @APIResponse(responseCode = "400", description = "Bad label or active, or neither given", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No reason with that code", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "A system reason, or changed by another admin at the same time",
            content = @Content(mediaType = PROBLEM))
    public Uni<ReasonView> change(@PathParam("code") @Schema(pattern = StatusReason.CODE_PATTERN) String code,
                                  @Valid @NotNull ReasonChange change) {
        return reasons.change(code, change, LeadAccess.userId(caller));
    }
}
