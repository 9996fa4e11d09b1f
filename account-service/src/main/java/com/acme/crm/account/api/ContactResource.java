package com.acme.crm.account.api;

import com.acme.crm.common.api.Created;
import com.acme.crm.account.AccountInput;
import com.acme.crm.account.ContactInput;
import com.acme.crm.account.ContactService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.core.MediaType;
import com.acme.crm.common.api.QueryParameters;
import com.acme.crm.common.paging.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.ConvertGroup;
import jakarta.validation.groups.Default;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Contacts over HTTP (SPEC §4). Everyone reads; managers and admins write. */
@Path("/api/contacts")
@Tag(name = "Contacts")
@RolesAllowed({"salesperson", "sales-manager", "admin"})
public class ContactResource {

    @Inject
    ContactService contacts;

    @Inject
    SecurityIdentity caller;

    @GET
    @Operation(operationId = "listContacts")
    public Uni<Page<ContactView>> list(@QueryParam("q") String q, @QueryParam("email") String email,
                                       @QueryParam("originatingLeadId") @Schema(format = "uuid") String originatingLeadId,
                                       @QueryParam("limit") @Schema(minimum = "1", maximum = "200", defaultValue = "50") String limit,
                                       @QueryParam("cursor") String cursor) {
        return contacts.list(q, email, QueryParameters.uuid("originatingLeadId", originatingLeadId),
                QueryParameters.number("limit", limit, 1, 200, 50), cursor).map(page -> page.map(ContactView::of));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getContact")
    public Uni<ContactView> get(@PathParam("id") UUID id) {
        return contacts.get(id).map(ContactView::of);
    }

    @POST
    // SPEC §8: a salesperson creates contacts too (a new stakeholder, §10), owned by themselves
    @RolesAllowed({"salesperson", "sales-manager", "admin"})
    @APIResponse(responseCode = "201", description = "Created, owned by the caller; Location names the new contact",
            headers = @Header(name = "Location", description = "/api/contacts/{id}", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ContactView.class)))
    @Operation(operationId = "createContact")
    public Uni<Response> create(@Valid @ConvertGroup(from = Default.class, to = AccountInput.OnCreate.class)
                                @NotNull ContactInput input) {
        return contacts.create(input, caller.getPrincipal().getName())
                .map(ContactView::of).map(view -> Created.at("/api/contacts/" + view.id(), view));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({"sales-manager", "admin"})
    @Operation(operationId = "updateContact")
    public Uni<ContactView> patch(@PathParam("id") UUID id, @Valid @NotNull ContactInput input) {
        return contacts.patch(id, input).map(ContactView::of);
    }
}
