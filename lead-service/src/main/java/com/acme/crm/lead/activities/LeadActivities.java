package com.acme.crm.lead.activities;

import com.acme.crm.contracts.events.lead.ActivityEventData;
import com.acme.crm.common.input.JsonBodies;
import com.acme.crm.common.paging.NewestFirstQuery;
import com.acme.crm.common.paging.Page;
import com.acme.crm.common.paging.TimeCursor;
import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.lead.ConcurrentChange;
import com.acme.crm.lead.Now;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.events.LeadItemEvents;
import com.acme.crm.lead.history.HistoryAction;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A lead's activities (SPEC §10). Whoever may see the lead works its activities, as does the owner
 * of an activity (it is on their work list). Each change is one transaction with its history entry
 * and its event.
 */
@ApplicationScoped
public class LeadActivities {

    /** Fields only the system sets: sending one is a 400 naming it. */
    static final Set<String> SYSTEM_FIELDS = Set.of("id", "leadId", "state", "outcome", "version", "createdAt",
            "createdBy", "modifiedAt", "modifiedBy", "closedAt");

    @Inject
    LeadAccess access;
    @Inject
    LeadItemEvents events;
    @Inject
    JsonBodies bodies;

    @WithTransaction
    public Uni<ActivityView> create(UUID leadId, JsonNode body, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return access.findVisible(leadId, caller).chain(lead -> {
            ActivityFields given = bodies.forCreate(body, ActivityFields.class, SYSTEM_FIELDS);
            ActivityFields fields = given.ownerId() != null ? given : new ActivityFields(given.type(), given.subject(),
                    given.description(), given.dueAt(), given.startAt(), given.endAt(), given.direction(), actor);
            ActivityRules.check(fields);
            access.requireMayAssign(fields.ownerId(), caller);
            Activity activity = Activity.scheduled(leadId, fields, actor);
            return activity.persist().chain(Panache::flush)
                    .chain(() -> recorded(activity, actor, HistoryAction.ACTIVITY_CREATED, PublicEvents.LEAD_ACTIVITY_CREATED));
        });
    }

    @WithTransaction
    public Uni<ActivityView> patch(UUID leadId, UUID activityId, JsonNode patch, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return find(leadId, activityId, caller).chain(activity -> {
            ActivityRules.requireOpen(activity);
            ActivityFields after = bodies.patched(activity.fields(), patch, SYSTEM_FIELDS);
            if (after.ownerId() == null) {
                throw ProblemException.badRequest("ownerId", "an activity always has an owner; it can be changed, not cleared");
            }
            ActivityRules.check(after);
            if (!after.ownerId().equals(activity.ownerId)) {
                access.requireMayAssign(after.ownerId(), caller);
            }
            return change(activity, actor, HistoryAction.ACTIVITY_UPDATED, a -> a.set(after));
        });
    }

    @WithTransaction
    public Uni<ActivityView> complete(UUID leadId, UUID activityId, Outcome outcome, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return find(leadId, activityId, caller).chain(activity -> {
            ActivityRules.requireOpen(activity);
            return change(activity, actor, HistoryAction.ACTIVITY_COMPLETED, a -> {
                a.state = ActivityState.COMPLETED;
                a.outcome = outcome == null ? null : outcome.outcome();
                a.closedAt = Now.instant();
            });
        });
    }

    @WithTransaction
    public Uni<ActivityView> cancel(UUID leadId, UUID activityId, SecurityIdentity caller) {
        String actor = LeadAccess.userId(caller);
        return find(leadId, activityId, caller).chain(activity -> {
            ActivityRules.requireOpen(activity);
            return change(activity, actor, HistoryAction.ACTIVITY_CANCELED, a -> {
                a.state = ActivityState.CANCELED;
                a.closedAt = Now.instant();
            });
        });
    }

    @WithSession
    public Uni<ActivityView> get(UUID leadId, UUID activityId, SecurityIdentity caller) {
        return find(leadId, activityId, caller).map(ActivityView::of);
    }

    /** Newest first, keyset-paged; {@code state} may be null (every state). */
    @WithSession
    public Uni<Page<ActivityView>> list(UUID leadId, ActivityState state, String cursor, int limit, SecurityIdentity caller) {
        return access.findVisible(leadId, caller).chain(lead -> new NewestFirstQuery()
                .where("leadId = :leadId", "leadId", leadId)
                .where("state = :state", "state", state)
                .page((query, parameters) -> Activity.find(query, parameters), cursor, limit, ActivityView::of,
                        (Activity a) -> new TimeCursor(a.createdAt, a.id)));
    }

    private Uni<ActivityView> change(Activity activity, String actor, HistoryAction action, Consumer<Activity> how) {
        how.accept(activity);
        activity.changedBy(actor);
        return Panache.flush()
                .chain(() -> recorded(activity, actor, action, PublicEvents.LEAD_ACTIVITY_UPDATED))
                .onFailure(ConcurrentChange::detected).transform(failure -> ProblemException.conflict("concurrent-change",
                        "the activity was changed at the same time; read it again and retry"));
    }

    private Uni<ActivityView> recorded(Activity activity, String actor, HistoryAction action, String eventType) {
        return events.changed(activity.leadId, actor, action, activity.type + " \"" + activity.subject + "\" (" + activity.id + ")",
                eventType, eventData(activity)).replaceWith(ActivityView.of(activity));
    }

    /** The activity as its public events carry it (message-contracts' contract, SPEC §7). */
    public static ActivityEventData eventData(Activity a) {
        return new ActivityEventData(a.id, a.leadId, a.type.name(), a.subject, a.description, a.dueAt, a.startAt, a.endAt,
                a.direction == null ? null : a.direction.name(), a.ownerId, a.state.name(), a.outcome, a.version,
                a.createdAt, a.createdBy, a.modifiedAt, a.modifiedBy, a.closedAt);
    }

    /** The activity of that lead, when the caller may see the lead or owns the activity; 404 otherwise. */
    private Uni<Activity> find(UUID leadId, UUID activityId, SecurityIdentity caller) {
        return Activity.<Activity>findById(activityId).chain(activity -> {
            if (activity == null || !activity.leadId.equals(leadId)) {
                return Uni.createFrom().failure(ProblemException.notFound("activity", activityId));
            }
            if (LeadAccess.userId(caller).equals(activity.ownerId)) {
                return Uni.createFrom().item(activity);
            }
            return access.findVisible(leadId, caller).replaceWith(activity)
                    .onFailure(ProblemException.class).transform(hidden -> ProblemException.notFound("activity", activityId));
        });
    }
}
