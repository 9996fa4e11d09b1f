package com.acme.crm.lead.api;

import com.acme.crm.lead.access.LeadAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import com.acme.crm.lead.access.Roles;
import com.acme.crm.lead.settings.LeadQualificationSettings;
import com.acme.crm.lead.settings.SettingsView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The qualification settings (SPEC §5): everyone reads them, only an admin changes them. */
@Path("/api/settings/lead-qualification")
@Tag(name = "Settings")
public class SettingsResource {

    @Inject
    LeadQualificationSettings settings;
    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed({Roles.SALESPERSON, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "getQualificationSettings")
    public Uni<SettingsView> get() {
        return settings.get();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "putQualificationSettings")
    public Uni<SettingsView> put(@Valid @NotNull SettingsView wanted) {
        return settings.update(wanted, LeadAccess.userId(caller));
    }
}
