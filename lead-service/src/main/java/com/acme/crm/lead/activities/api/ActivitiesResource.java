package com.acme.crm.lead.activities.api;

import com.acme.crm.common.api.Created;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import com.acme.crm.common.api.QueryParameters;
import com.acme.crm.common.paging.Page;
import com.acme.crm.lead.access.Roles;
import com.acme.crm.lead.activities.ActivityFields;
import com.acme.crm.lead.activities.ActivityState;
import com.acme.crm.lead.activities.ActivityView;
import com.acme.crm.lead.activities.LeadActivities;
import com.acme.crm.lead.activities.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/** A lead's activities (SPEC §10). */
@Path("/api/leads/{id}/activities")
@Tag(name = "Activities")
@RolesAllowed({Roles.SALESPERSON, Roles.SALES_MANAGER, Roles.ADMIN})
public class ActivitiesResource {

    static final String PROBLEM = "application/problem+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    @Inject
    LeadActivities activities;
    @Inject
    SecurityIdentity caller;

    @POST
    @APIResponse(responseCode = "201", description = "Scheduled (state OPEN); Location names it",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/leads/{id}/activities/{activityId}", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", description = "Bad fields (violations name them); a field only the system sets",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "A salesperson gives the activity to someone else", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such lead, or not the caller's", content = @Content(mediaType = PROBLEM))
    public Uni<Response> create(@PathParam("id") UUID id,
                                @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityFields.class)))
                                @Schema(implementation = ActivityFields.class) JsonNode body) {
        return activities.create(id, body, caller).map(view ->
                Created.at("/api/leads/" + id + "/activities/" + view.id(), view));
    }

    @GET
    @APIResponse(responseCode = "200", description = "Newest first, keyset-paged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityPage.class)))
    @APIResponse(responseCode = "400", description = "Bad state, limit or cursor", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such lead, or not the caller's", content = @Content(mediaType = PROBLEM))
    public Uni<Page<ActivityView>> list(@PathParam("id") UUID id,
                                        @QueryParam("state") @Schema(type = SchemaType.STRING, enumeration = {"OPEN", "COMPLETED", "CANCELED"}) String state,
                                        @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        ActivityState wanted = QueryParameters.oneOf("state", state, ActivityState.class);
        int size = QueryParameters.number("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        return activities.list(id, wanted, blankToNull(cursor), size, caller);
    }

    @GET
    @Path("/{activityId}")
    @APIResponse(responseCode = "200", description = "The activity", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "404", description = "No such activity on a lead the caller may see", content = @Content(mediaType = PROBLEM))
    public Uni<ActivityView> get(@PathParam("id") UUID id, @PathParam("activityId") UUID activityId) {
        return activities.get(id, activityId, caller);
    }

    /** A merge patch (RFC 7396) of the activity's fields: any of them, none required; null removes an optional one. */
    private static final String PATCH_SCHEMA = "A merge patch (RFC 7396) of the fields of POST: subject, description, dueAt, startAt, endAt, direction, ownerId";

    @PATCH
    @Path("/{activityId}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", description = "Bad fields, or a field only the system sets", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "A salesperson gives the activity to someone else", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such activity on a lead the caller may see", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "The activity is completed or canceled, or changed at the same time",
            content = @Content(mediaType = PROBLEM))
    public Uni<ActivityView> patch(@PathParam("id") UUID id, @PathParam("activityId") UUID activityId,
                                   @RequestBody(content = {
                                           @Content(mediaType = MERGE_PATCH, schema = @Schema(type = SchemaType.OBJECT, description = PATCH_SCHEMA)),
                                           @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = PATCH_SCHEMA))})
                                   JsonNode patch) {
        return activities.patch(id, activityId, patch, caller);
    }

    @POST
    @Path("/{activityId}/complete")
    @APIResponse(responseCode = "200", description = "Completed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", description = "Bad outcome", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such activity on a lead the caller may see", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "Not open", content = @Content(mediaType = PROBLEM))
    public Uni<ActivityView> complete(@PathParam("id") UUID id, @PathParam("activityId") UUID activityId,
                                      @RequestBody(required = false) @Valid Outcome outcome) {
        return activities.complete(id, activityId, outcome, caller);
    }

    @POST
    @Path("/{activityId}/cancel")
    @APIResponse(responseCode = "200", description = "Canceled", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "404", description = "No such activity on a lead the caller may see", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "Not open", content = @Content(mediaType = PROBLEM))
    public Uni<ActivityView> cancel(@PathParam("id") UUID id, @PathParam("activityId") UUID activityId) {
        return activities.cancel(id, activityId, caller);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
