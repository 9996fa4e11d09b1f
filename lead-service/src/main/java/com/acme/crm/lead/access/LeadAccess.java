package com.acme.crm.lead.access;

import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.lead.Lead;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * The one place that decides who sees which lead (SPEC §8): managers and admins see every lead,
 * anyone else only the leads they own. A lead the caller may not see answers exactly like one
 * that does not exist, so existence is not leaked.
 */
@ApplicationScoped
public class LeadAccess {

    /** The lead, if it exists and the caller may see it; fails with a 404 problem otherwise. Joins the caller's session. */
    @WithSession
    public Uni<Lead> findVisible(UUID id, SecurityIdentity caller) {
        return Lead.<Lead>findById(id)
                .map(lead -> lead != null && canSee(lead, caller) ? lead : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("lead", id));
    }

    public boolean canSee(Lead lead, SecurityIdentity caller) {
        return canSee(lead.ownerId, caller);
    }

    /** The same rule for a lead known by its owner only (loaded set-based, without its entity). */
    public boolean canSee(String ownerId, SecurityIdentity caller) {
        return seesEveryLead(caller) || userId(caller).equals(ownerId);
    }

    /** A salesperson works only their own leads, so they cannot give one to someone else: 403. */
    public void requireMayAssign(String ownerId, SecurityIdentity caller) {
        if (ownerId != null && !ownerId.equals(userId(caller)) && !seesEveryLead(caller)) {
            throw ProblemException.forbidden("a salesperson can only own leads themselves; ask a sales manager to assign it");
        }
    }

    /** Managers and admins work with every lead; salespeople only with their own. */
    public boolean seesEveryLead(SecurityIdentity caller) {
        return caller.hasRole(Roles.SALES_MANAGER) || caller.hasRole(Roles.ADMIN);
    }

    /**
     * The caller's user id: the token's {@code sub} (SPEC §8). Taken from the token itself, since
     * the principal's name prefers {@code upn} or {@code preferred_username} when a token has them.
     */
    public static String userId(SecurityIdentity caller) {
        if (caller.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return token.getSubject();
        }
        return caller.getPrincipal().getName();
    }
}
