package com.acme.crm.lead.attachments.api;

import com.acme.crm.common.api.Created;
import com.acme.crm.common.problems.Problem;
import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.lead.access.Roles;
import com.acme.crm.lead.attachments.AttachmentChunks;
import com.acme.crm.lead.attachments.AttachmentView;
import com.acme.crm.lead.attachments.ByteRange;
import com.acme.crm.lead.attachments.ContentDisposition;
import com.acme.crm.lead.attachments.LeadAttachments;
import com.acme.crm.lead.attachments.UploadRules;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A lead's attachments (SPEC §10): files up to {@code crm.attachments.max-size}, streamed both ways. */
@Path("/api/leads/{id}/attachments")
@Tag(name = "Attachments")
@RolesAllowed({Roles.SALESPERSON, Roles.SALES_MANAGER, Roles.ADMIN})
public class AttachmentsResource {

    private static final String PROBLEM = "application/problem+json";
    private static final String DISPOSITION = "attachment; filename=\"<ASCII fallback>\"; filename*=UTF-8''<the file name, percent-encoded>";
    private static final String ETAG = "The SHA-256 of the bytes, quoted";

    @Inject
    LeadAttachments attachments;
    @Inject
    AttachmentChunks chunks;
    @Inject
    SecurityIdentity caller;
    @Inject
    ObjectMapper json;
    @Context
    UriInfo uri;
    @ConfigProperty(name = "crm.attachments.max-size")
    MemorySize maxSize;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = UploadForm.class)))
    @APIResponse(responseCode = "201", description = "Stored; Location names it",
            headers = @Header(name = HttpHeaders.LOCATION, description = "/api/leads/{id}/attachments/{attachmentId}", schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AttachmentView.class)))
    @APIResponse(responseCode = "400", description = "No file part with a file name, an empty file, a file name with a path separator or control character, a bad media type or a note too long",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such lead, or not the caller's", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "The lead has the most files a lead can have (100: they are listed on the opportunity"
            + " when the lead is qualified); extensions.maxAttachments says how many", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "413", description = "The file is larger than the limit (25 MB unless configured otherwise)",
            content = @Content(mediaType = PROBLEM))
    public Uni<Response> add(@PathParam("id") UUID id, UploadForm form) {
        var file = form.file;
        var upload = UploadRules.check(file == null ? null : file.uploadedFile(), file == null ? null : file.fileName(),
                file == null ? null : file.contentType(), file == null ? 0 : file.size(), form.note, maxSize.asLongValue());
        return attachments.add(id, upload, caller).map(view ->
                Created.at("/api/leads/" + id + "/attachments/" + view.id(), view));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The attachments' metadata, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AttachmentView.class)))
    @APIResponse(responseCode = "404", description = "No such lead, or not the caller's", content = @Content(mediaType = PROBLEM))
    public Uni<List<AttachmentView>> list(@PathParam("id") UUID id) {
        return attachments.list(id, caller);
    }

    @GET
    @Path("/{attachmentId}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM) // the stored media type replaces it (a wildcard would make it a server-sent event stream)
    @APIResponse(responseCode = "200", description = "The bytes, streamed, with the stored media type",
            headers = {
                    @Header(name = "Content-Disposition", description = DISPOSITION, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Content-Type-Options", description = "nosniff", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Accept-Ranges", description = "bytes", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "206", description = "The one range the Range header asked for (several ranges: the whole file, 200)",
            headers = {
                    @Header(name = "Content-Range", description = "bytes first-last/size", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Disposition", description = DISPOSITION, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "X-Content-Type-Options", description = "nosniff", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Accept-Ranges", description = "bytes", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "If-None-Match names the ETag; no body",
            headers = @Header(name = "ETag", description = ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such attachment on a lead the caller may see", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "416", description = "The range starts beyond the end; the problem's size member says how many bytes there are",
            content = @Content(mediaType = PROBLEM))
    public RestMulti<Buffer> download(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId,
                                      @Parameter(description = "bytes=first-last, bytes=first- or bytes=-suffix") @HeaderParam("Range") String range,
                                      @HeaderParam("If-None-Match") String ifNoneMatch) {
        // RestMulti sends status and headers when the Uni resolves; a failure then could no longer become a
        // problem answer, so a problem is carried as the answer itself.
        Uni<Download> download = attachments.find(id, attachmentId, caller)
                .map(a -> Download.of(a, range, ifNoneMatch))
                .onFailure(ProblemException.class).recoverWithItem(failure ->
                        Download.failed(((ProblemException) failure).problem().at(uri.getPath()), json));
        return RestMulti.fromUniResponse(download, d -> d.problem() != null ? Multi.createFrom().item(d.problem())
                        : d.notModified() ? Multi.createFrom().empty() : chunks.read(d.attachment().id(), d.range()),
                Download::headers, Download::status);
    }

    @DELETE
    @Path("/{attachmentId}")
    @APIResponse(responseCode = "204", description = "Removed, with its bytes")
    @APIResponse(responseCode = "404", description = "No such attachment on a lead the caller may see", content = @Content(mediaType = PROBLEM))
    public Uni<Response> remove(@PathParam("id") UUID id, @PathParam("attachmentId") UUID attachmentId) {
        return attachments.remove(id, attachmentId, caller).replaceWith(Response.noContent().build());
    }

    /** What a download answers: the whole file, one range of it, 304, or a problem. */
    record Download(AttachmentView attachment, ByteRange range, boolean notModified, int problemStatus, Buffer problem) {

        static Download of(AttachmentView a, String range, String ifNoneMatch) {
            boolean same = ifNoneMatch != null && List.of(ifNoneMatch.split(",")).stream()
                    .map(String::trim).anyMatch(tag -> tag.equals(etag(a)) || tag.equals("*"));
            return new Download(a, same ? null : ByteRange.of(range, a.size()), same, 0, null);
        }

        static Download failed(Problem problem, ObjectMapper json) {
            try {
                return new Download(null, null, false, problem.status(), Buffer.buffer(json.writeValueAsBytes(problem)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static String etag(AttachmentView a) {
            return "\"" + a.sha256() + "\"";
        }

        int status() {
            return problem != null ? problemStatus : notModified ? 304 : range.partial() ? 206 : 200;
        }

        Map<String, List<String>> headers() {
            if (problem != null) {
                return Map.of(HttpHeaders.CONTENT_TYPE, List.of(Problem.MEDIA_TYPE));
            }
            Map<String, List<String>> headers = new HashMap<>(Map.of(
                    HttpHeaders.ETAG, List.of(etag(attachment)),
                    "X-Content-Type-Options", List.of("nosniff"),
                    "Accept-Ranges", List.of("bytes"),
                    HttpHeaders.CACHE_CONTROL, List.of("private, no-cache")));
            if (!notModified) {
                headers.put(HttpHeaders.CONTENT_TYPE, List.of(attachment.mediaType()));
                headers.put("Content-Disposition", List.of(ContentDisposition.attachment(attachment.fileName())));
                if (range.partial()) {
                    headers.put("Content-Range", List.of(range.contentRange(attachment.size())));
                }
            }
            return headers;
        }
    }
}
