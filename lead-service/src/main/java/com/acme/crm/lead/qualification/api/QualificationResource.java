package com.acme.crm.lead.qualification.api;

import com.acme.crm.common.problems.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.qualification.AttemptEnds;
import com.acme.crm.lead.qualification.Qualification;
import com.acme.crm.lead.qualification.QualificationStarter;
import com.acme.crm.lead.qualification.QualificationStarter.Start;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code POST /api/leads/{id}/qualify} and {@code GET /api/leads/{id}/qualification} (SPEC §5). */
@Path("/api/leads/{id}")
@Tag(name = "Qualification")
@RolesAllowed({"salesperson", "sales-manager", "admin"})
public class QualificationResource {

    private static final Pattern PREFER_WAIT = Pattern.compile("(?:^|[;,\\s])wait=(\\d+)");
    private static final int MAX_WAIT_SECONDS = 30;

    @Inject
    QualificationStarter starter;

    @Inject
    LeadAccess access;

    @Inject
    AttemptEnds ends;

    @Inject
    SecurityIdentity caller;

    @POST
    @Path("/qualify")
    @APIResponse(responseCode = "202", description = "Started (or, with the same Idempotency-Key, the attempt already started); Location names the qualification",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/leads/{id}/qualification", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualificationView.class)))
    @APIResponse(responseCode = "200", description = "With Prefer: wait=N, the attempt reached a final status in time",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/leads/{id}/qualification", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualificationView.class)))
    @APIResponse(responseCode = "409", description = "The lead is not open, or a qualification is already in progress")
    @Operation(operationId = "qualifyLead")
    public Uni<Response> qualify(@PathParam("id") UUID leadId, @Valid QualifyRequest request,
                                 @HeaderParam("Idempotency-Key") @Size(max = 200) String idempotencyKey,
                                 @HeaderParam("Prefer") String prefer) {
        Duration wait = requestedWait(prefer);
        return starter.start(new Start(leadId, request == null ? null : request.choices(), null, idempotencyKey), caller)
                .map(QualificationView::of)
                .chain(started -> wait.isZero() || started.status().isFinal()
                        ? Uni.createFrom().item(started)
                        : untilFinal(started.id(), Instant.now().plus(wait), Vertx.currentContext()))
                .map(view -> Response.status(view.status().isFinal() ? 200 : 202)
                        .header(HttpHeaders.LOCATION, "/api/leads/" + leadId + "/qualification")
                        .entity(view)
                        .build());
    }

    /** The latest attempt of the lead. */
    @GET
    @Path("/qualification")
    @Operation(operationId = "getLeadQualification")
    public Uni<QualificationView> latest(@PathParam("id") UUID leadId) {
        return Panache.withSession(() -> access.findVisible(leadId, caller)
                .chain(lead -> lead.qualificationId == null
                        ? Uni.createFrom().failure(new ProblemException(com.acme.crm.common.problems.Problem.of(404,
                                "not-qualified", "Not Found", "lead " + leadId + " has never been qualified")))
                        : Qualification.<Qualification>findById(lead.qualificationId))
                .map(QualificationView::of));
    }

    /**
     * Waits for the attempt's end (Prefer: wait=N), then reads it, until it is final or the caller's patience ends. It
     * starts with the wait: the attempt was running when its start committed, so a read then would only say so.
     */
    private Uni<QualificationView> untilFinal(UUID qualificationId, Instant until, Context request) {
        return ends.signalOrPause(qualificationId, until, request)
                .chain(() -> Panache.withSession(() -> Qualification.<Qualification>findById(qualificationId)))
                .map(QualificationView::of)
                .chain(view -> view.status().isFinal() || !Instant.now().isBefore(until)
                        ? Uni.createFrom().item(view)
                        : untilFinal(qualificationId, until, request));
    }

    private static Duration requestedWait(String prefer) {
        if (prefer == null) {
            return Duration.ZERO;
        }
        Matcher m = PREFER_WAIT.matcher(prefer);
        if (!m.find()) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(Math.min(MAX_WAIT_SECONDS, Long.parseLong(m.group(1).length() > 3 ? "999" : m.group(1))));
    }
}
