package com.acme.crm.lead.qualification.bulk;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.UUID;

/** {@code POST /api/leads/qualify-jobs} and {@code GET /api/leads/qualify-jobs/{jobId}} (SPEC §6). */
@Path("/api/leads/qualify-jobs")
@RolesAllowed({"salesperson", "sales-manager", "admin"})
public class QualifyJobResource {

    @Inject
    BulkJobs jobs;

    @Inject
    SecurityIdentity caller;

    @POST
    public Uni<Response> create(@Valid @NotNull QualifyJobRequest request) {
        return jobs.create(request, caller).map(job -> Response.accepted(job)
                .location(URI.create("/api/leads/qualify-jobs/" + job.id()))
                .build());
    }

    /** Cheap to poll: {@code ?results=false} answers the counts only. */
    @GET
    @Path("/{jobId}")
    public Uni<QualifyJobView> get(@PathParam("jobId") UUID jobId, @QueryParam("results") @DefaultValue("true") boolean results) {
        return jobs.get(jobId, results, caller);
    }
}
