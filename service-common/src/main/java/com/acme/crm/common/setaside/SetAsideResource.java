package com.acme.crm.common.setaside;

import com.acme.crm.common.paging.Page;
import com.acme.crm.common.problems.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The operator's hands on set-aside messages (docs/operations.md, "Set-aside messages"): list,
 * look at one, replay one or all, discard one. Outside {@code /api} (the gateways do not route it):
 * reached per service, with an {@code admin} token.
 */
@Path("/ops/set-aside")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Operations", description = "Set-aside messages (admin only; not routed by the gateways)")
public class SetAsideResource {

    /** What a replay did. */
    public record Replayed(int replayed) {
    }

    @Inject
    SetAsideMessages messages;

    @GET
    @Operation(operationId = "listSetAsideMessages", summary = "Set-aside messages, oldest first; page on with ?after=<nextCursor>")
    public Uni<Page<SetAsideView>> list(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
                                        @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return messages.list(after, limit + 1).map(found -> {
            List<SetAsideView> page = found.size() > limit ? found.subList(0, limit) : found;
            String next = found.size() > limit ? Long.toString(page.get(page.size() - 1).id()) : null;
            return new Page<>(page, next);
        });
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSetAsideMessage", summary = "One set-aside message with its payload")
    public Uni<SetAsideView> get(@PathParam("id") long id) {
        return messages.find(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("set-aside message", id);
            }
            return found;
        });
    }

    @POST
    @Path("/{id}/replay")
    @Operation(operationId = "replaySetAsideMessage", summary = "Sends one set-aside message again (same message id, topic, key and payload)")
    public Uni<Replayed> replay(@PathParam("id") long id) {
        return messages.replay(id).map(count -> {
            if (count == 0) {
                throw ProblemException.notFound("set-aside message", id);
            }
            return new Replayed(count);
        });
    }

    @POST
    @Path("/replay")
    @Operation(operationId = "replayAllSetAsideMessages", summary = "Sends every set-aside message again, oldest first")
    public Uni<Replayed> replayAll() {
        return messages.replay(null).map(Replayed::new);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "discardSetAsideMessage", summary = "Discards one set-aside message for good")
    public Uni<Void> discard(@PathParam("id") long id) {
        return messages.discard(id).map(found -> {
            if (!found) {
                throw ProblemException.notFound("set-aside message", id);
            }
            return null;
        });
    }
}
