package com.acme.crm.lead.api;

import com.acme.crm.common.api.Created;
import com.acme.crm.lead.access.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import com.acme.crm.lead.history.HistoryEntryView;
import com.acme.crm.lead.history.LeadHistory;
import com.acme.crm.lead.notes.LeadNotes;
import com.acme.crm.lead.notes.NoteView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A lead's notes and its history (SPEC §4). */
@Path("/api/leads/{id}")
@Tag(name = "Leads")
@RolesAllowed({Roles.SALESPERSON, Roles.SALES_MANAGER, Roles.ADMIN})
public class LeadActivityResource {

    @Inject
    LeadNotes notes;
    @Inject
    LeadHistory history;
    @Inject
    SecurityIdentity caller;

    @POST
    @Path("/notes")
    @APIResponse(responseCode = "201", description = "The note was added",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/leads/{id}/notes, where the lead's notes are listed", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoteView.class)))
    @APIResponse(responseCode = "409", description = "The lead already has the most notes a lead can have (500): type too-many-notes")
    @Operation(operationId = "addLeadNote")
    public Uni<Response> addNote(@PathParam("id") UUID id, @Valid @NotNull NoteRequest note) {
        return notes.add(id, note.text(), caller).map(view ->
                Created.at("/api/leads/" + id + "/notes", view));
    }

    @GET
    @Path("/notes")
    @Operation(operationId = "listLeadNotes")
    public Uni<List<NoteView>> notes(@PathParam("id") UUID id) {
        return notes.list(id, caller);
    }

    @GET
    @Path("/history")
    @Operation(operationId = "getLeadHistory")
    public Uni<List<HistoryEntryView>> history(@PathParam("id") UUID id) {
        return history.of(id, caller);
    }
}
