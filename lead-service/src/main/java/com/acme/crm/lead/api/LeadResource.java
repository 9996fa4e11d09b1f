package com.acme.crm.lead.api;

import com.acme.crm.lead.LeadService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Context;

import java.net.URI;
import java.util.UUID;

/** Leads over HTTP: the resource only translates; {@link LeadService} owns the transactions. */
@Path("/api/leads")
@RolesAllowed({"salesperson", "sales-manager", "admin"})
public class LeadResource {

    @Inject
    LeadService leads;

    @POST
    public Uni<Response> create(@Valid @NotNull CreateLeadRequest request, @Context SecurityContext caller) {
        return leads.create(request, caller.getUserPrincipal().getName())
                .map(view -> Response.created(URI.create("/api/leads/" + view.id())).entity(view).build());
    }

    @GET
    @Path("/{id}")
    public Uni<LeadView> get(@PathParam("id") UUID id) {
        return leads.get(id);
    }
}
