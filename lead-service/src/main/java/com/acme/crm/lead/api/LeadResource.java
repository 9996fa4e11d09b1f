package com.acme.crm.lead.api;

import com.acme.crm.common.api.Created;
import com.acme.crm.common.api.QueryParameters;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import com.acme.crm.lead.LeadBodyReader;
import com.acme.crm.lead.LeadFields;
import com.acme.crm.lead.LeadService;
import com.acme.crm.lead.reasons.DisqualificationReasons;
import com.acme.crm.lead.access.Roles;
import com.acme.crm.lead.idempotency.CreateAnswer;
import com.acme.crm.lead.idempotency.IdempotentLeadCreation;
import com.acme.crm.lead.search.LeadSearch;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Leads over HTTP (SPEC §4): translates only; the services own the transactions. */
@Path("/api/leads")
@Tag(name = "Leads")
@RolesAllowed({Roles.SALESPERSON, Roles.SALES_MANAGER, Roles.ADMIN})
public class LeadResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    /** The patch's schema: LeadFields' own would make topic and lastName required. */
    private static final String MERGE_PATCH_SCHEMA = "A JSON merge patch (RFC 7386) of LeadFields: any of its fields, none required; null clears one";

    @Inject
    LeadService leads;
    @Inject
    IdempotentLeadCreation idempotentCreation;
    @Inject
    LeadSearch search;
    @Inject
    DisqualificationReasons reasons;
    @Inject
    LeadBodyReader bodies;
    @Inject
    SecurityIdentity caller;

    @POST
    @APIResponse(responseCode = "201", description = "Created; Location names the new lead",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/leads/{id}", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used before with a different body")
    @APIResponse(responseCode = "409", description = "An open lead has the same email (the matches are in extensions.duplicates); repeat with suppressDuplicateDetection=true to create it anyway")
    @Operation(operationId = "createLead")
    public Uni<Response> create(
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LeadFields.class)))
            @Schema(implementation = LeadFields.class) JsonNode body,
            @QueryParam("suppressDuplicateDetection") String suppressDuplicateDetection,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        boolean suppress = QueryParameters.flag("suppressDuplicateDetection", suppressDuplicateDetection);
        return Uni.createFrom().item(() -> bodies.forCreate(body)).chain(fields -> idempotencyKey == null
                ? leads.create(fields, suppress, caller).map(LeadView::of).map(view -> Created.at("/api/leads/" + view.id(), view))
                : idempotentCreation.create(idempotencyKey, fields, suppress, caller, LeadView::of).map(LeadResource::replayable));
    }

    @GET
    @Operation(operationId = "listLeads")
    public Uni<LeadPage> list(@QueryParam("view") String view, @QueryParam("q") String q,
                              @QueryParam("statusReason") String statusReason, @QueryParam("ownerId") String ownerId,
                              @QueryParam("sort") String sort, @QueryParam("limit") String limit,
                              @QueryParam("cursor") String cursor) {
        Integer size = QueryParameters.number("limit", limit, 1, LeadSearch.MAX_LIMIT);
        // a retired disqualification reason stays a valid filter (SPEC §10)
        return reasons.requireKnown("statusReason", statusReason)
                .chain(reason -> search.list(view, q, reason, ownerId, sort, size, cursor, caller)).map(LeadPage::of);
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The lead; ETag carries its version for If-Match", headers = @Header(name = HttpHeaders.ETAG, description = "The lead's version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @Operation(operationId = "getLead")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return leads.get(id, caller).map(LeadView::of).map(LeadResource::withEtag);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The changed lead, with its new ETag", headers = @Header(name = HttpHeaders.ETAG, description = "The lead's version, for If-Match", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "409", description = "The lead is closed, being qualified, or was changed at the same time")
    @APIResponse(responseCode = "412", description = "If-Match names an older version of the lead")
    @Operation(operationId = "updateLead")
    public Uni<Response> update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @RequestBody(content = {
                                        @Content(mediaType = MERGE_PATCH, schema = @Schema(type = SchemaType.OBJECT, description = MERGE_PATCH_SCHEMA)),
                                        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = MERGE_PATCH_SCHEMA))})
                                JsonNode patch) {
        return leads.update(id, patch, ifMatch, caller).map(LeadView::of).map(LeadResource::withEtag);
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Deleted, with its notes")
    @APIResponse(responseCode = "409", description = "A qualification of the lead is in progress")
    @Operation(operationId = "deleteLead")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return leads.delete(id, caller).map(ignored -> Response.noContent().build());
    }

    private static Response withEtag(LeadView view) {
        return Response.ok(view).header(HttpHeaders.ETAG, view.etag()).build();
    }

    private static Response replayable(CreateAnswer answer) {
        return Response.status(answer.status()).header(HttpHeaders.LOCATION, answer.location())
                .type(MediaType.APPLICATION_JSON).entity(answer.body()).build();
    }
}
