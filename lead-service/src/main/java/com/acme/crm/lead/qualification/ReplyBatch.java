package com.acme.crm.lead.qualification;

import com.acme.crm.lead.Lead;
import com.acme.crm.lead.decisions.OpportunityContent;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a reply batch's preparation locked and loaded, kept by id for the batch's transaction (its WriteBehind unit):
 * the running attempts it locked, the leads it read with them, the opportunity content it loaded, and the session they
 * are in. A reply whose attempt and lead are held here is decided and written without a load ({@link QualificationSaga});
 * any other (a late reply whose attempt was not running, an unknown attempt, a message handled alone) loads for itself.
 */
final class ReplyBatch {

    private Mutiny.Session session;
    private final Set<UUID> locked = new HashSet<>();
    private final Map<UUID, Qualification> attempts = new HashMap<>();
    private final Map<UUID, Lead> leads = new HashMap<>();
    private final Map<UUID, OpportunityContent> contents = new HashMap<>();

    /**
     * Holds the locked attempts found as their leads' latest (a lead's running attempt is its latest: a start needs
     * the lead not qualifying) and the leads. {@code leads} may have nulls (a lead gone).
     */
    void hold(Mutiny.Session session, Collection<UUID> lockedIds, List<Lead> loaded) {
        this.session = session;
        locked.addAll(lockedIds);
        for (Lead lead : loaded) {
            if (lead == null) {
                continue;
            }
            leads.put(lead.id, lead);
            Qualification latest = lead.latestQualification;
            if (latest != null && locked.contains(latest.id)) {
                attempts.put(latest.id, latest);
            }
        }
    }

    void holdContent(Map<UUID, OpportunityContent> loaded) {
        contents.putAll(loaded);
    }

    Mutiny.Session session() {
        return session;
    }

    /** Whether the preparation locked this attempt (a reply that loads it need not lock it again). */
    boolean locked(UUID attemptId) {
        return locked.contains(attemptId);
    }

    /** The attempt, if the preparation locked and holds it; null otherwise. */
    Qualification attempt(UUID attemptId) {
        return attempts.get(attemptId);
    }

    /** The lead, if held; null otherwise. */
    Lead lead(UUID leadId) {
        return leads.get(leadId);
    }

    /** The lead's content, given out once (the reply that passes it on); null if not held. */
    OpportunityContent takeContent(UUID leadId) {
        return contents.remove(leadId);
    }
}
