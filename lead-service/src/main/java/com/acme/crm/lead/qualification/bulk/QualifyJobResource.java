package com.acme.crm.lead.qualification.bulk;

import com.acme.crm.common.api.QueryParameters;
import com.acme.crm.common.paging.Page;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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

import java.util.UUID;

/** {@code POST /api/leads/qualify-jobs}, {@code GET /api/leads/qualify-jobs/{jobId}} and its {@code /results} (SPEC §6). */
@Path("/api/leads/qualify-jobs")
@Tag(name = "Qualification")
@RolesAllowed({"salesperson", "sales-manager", "admin"})
public class QualifyJobResource {

    @Inject
    BulkJobs jobs;

    @Inject
    BulkJobRunner runner;

    @Inject
    SecurityIdentity caller;

    @POST
    @APIResponse(responseCode = "202", description = "Accepted; Location names the job to poll",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/leads/qualify-jobs/{jobId}", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualifyJobView.class)))
    @Operation(operationId = "createQualifyJob")
    public Uni<Response> create(@Valid @NotNull QualifyJobRequest request) {
        // the job is committed when create answers: its first window starts now, not at the runner's next tick
        return jobs.create(request, caller).invoke(runner::submitted).map(job -> Response.accepted(job)
                .header(HttpHeaders.LOCATION, "/api/leads/qualify-jobs/" + job.id())
                .build());
    }

    /** Cheap to poll: {@code ?results=false} answers the counts only. */
    @GET
    @Path("/{jobId}")
    @Operation(operationId = "getQualifyJob")
    public Uni<QualifyJobView> get(@PathParam("jobId") UUID jobId, @QueryParam("results") @DefaultValue("true") boolean results) {
        return jobs.get(jobId, results, caller);
    }

    /** The per-lead results after the first page, in the order the leads were given, optionally of one status. */
    @GET
    @Path("/{jobId}/results")
    @Operation(operationId = "listQualifyJobResults")
    public Uni<Page<QualifyJobView.LeadResult>> results(@PathParam("jobId") UUID jobId,
                                                        @Parameter(schema = @Schema(enumeration = {"PENDING", "IN_PROGRESS", "COMPLETED", "FAILED", "DUPLICATES_FOUND"}))
                                                        @QueryParam("status") String status,
                                                        @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return jobs.results(jobId, status == null || status.isEmpty() ? null : status,
                QueryParameters.number("limit", limit, 1, JobResults.MAX_LIMIT, JobResults.DEFAULT_LIMIT), cursor, caller);
    }
}
