package com.acme.crm.lead.qualification.bulk;

import com.acme.crm.lead.access.LeadAccess;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who submitted a bulk job and the roles they had then. A job runs with exactly these rights,
 * checked when each lead starts (SPEC §6), by the same rule {@link LeadAccess} applies to a caller.
 *
 * @param roles null for a job stored without them (made before they were kept, or by an older
 *              replica): its leads were checked when the job was made, and only then
 */
public record JobSubmitter(String userId, Set<String> roles) {

    public static JobSubmitter of(SecurityIdentity caller) {
        return new JobSubmitter(LeadAccess.userId(caller), Set.copyOf(caller.getRoles()));
    }

    /** As the job's row keeps it ({@link #storedRoles()}). */
    public static JobSubmitter stored(String userId, String roles) {
        return new JobSubmitter(userId, roles == null ? null
                : Arrays.stream(roles.split(",")).filter(role -> !role.isBlank()).collect(Collectors.toUnmodifiableSet()));
    }

    /** The roles as one column value, sorted so equal sets store equally. */
    public String storedRoles() {
        return String.join(",", new TreeSet<>(roles));
    }

    /** Whether the submitter may still qualify the lead of {@code ownerId} now (a lead given to someone else meanwhile: no). */
    public boolean maySee(String ownerId, LeadAccess access) {
        return roles == null || access.canSee(ownerId, identity());
    }

    private SecurityIdentity identity() {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(userId)).addRoles(roles).build();
    }
}
