package com.acme.crm.account.api;

import com.acme.crm.common.api.Created;
import com.acme.crm.account.AccountInput;
import com.acme.crm.account.AccountService;
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

/** Accounts over HTTP (SPEC §4). Everyone reads; managers and admins write. */
@Path("/api/accounts")
@Tag(name = "Accounts")
@RolesAllowed({"salesperson", "sales-manager", "admin"})
public class AccountResource {

    @Inject
    AccountService accounts;

    @Inject
    SecurityIdentity caller;

    @GET
    @Operation(operationId = "listAccounts")
    public Uni<Page<AccountView>> list(@QueryParam("q") String q, @QueryParam("name") String name,
                                       @QueryParam("originatingLeadId") @Schema(format = "uuid") String originatingLeadId,
                                       @QueryParam("limit") @Schema(minimum = "1", maximum = "200", defaultValue = "50") String limit,
                                       @QueryParam("cursor") String cursor) {
        return accounts.list(q, name, QueryParameters.uuid("originatingLeadId", originatingLeadId),
                QueryParameters.number("limit", limit, 1, 200, 50), cursor).map(page -> page.map(AccountView::of));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getAccount")
    public Uni<AccountView> get(@PathParam("id") UUID id) {
        return accounts.get(id).map(AccountView::of);
    }

    @POST
    @RolesAllowed({"sales-manager", "admin"})
    @APIResponse(responseCode = "201", description = "Created; Location names the new account",
            headers = @Header(name = "Location", description = "/api/accounts/{id}", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class)))
    @Operation(operationId = "createAccount")
    public Uni<Response> create(@Valid @ConvertGroup(from = Default.class, to = AccountInput.OnCreate.class)
                                @NotNull AccountInput input) {
        return accounts.create(input, caller.getPrincipal().getName())
                .map(AccountView::of).map(view -> Created.at("/api/accounts/" + view.id(), view));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({"sales-manager", "admin"})
    @Operation(operationId = "updateAccount")
    public Uni<AccountView> patch(@PathParam("id") UUID id, @Valid @NotNull AccountInput input) {
        return accounts.patch(id, input).map(AccountView::of);
    }
}
