package com.acme.crm.common.support;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A REST call that writes a command's effect rows in a transaction, as a service's resource would: how a REST call meets a lock. */
@Path("/test-effects/{commandId}/touch")
public class TestEffectResource {

    @POST
    @WithTransaction
    @APIResponse(responseCode = "204", description = "Touched")
    public Uni<Void> touch(@PathParam("commandId") String commandId) {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("update test_effect set outcome = outcome where command_id = :id")
                        .setParameter("id", commandId)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
