package com.acme.crm.lead.timeline;

import com.acme.crm.common.persistence.NativeValues;
import com.acme.crm.common.paging.Page;
import com.acme.crm.lead.access.LeadAccess;
import com.acme.crm.lead.activities.Activity;
import com.acme.crm.lead.activities.ActivityView;
import com.acme.crm.lead.attachments.Attachment;
import com.acme.crm.lead.attachments.AttachmentView;
import com.acme.crm.lead.history.HistoryEntryView;
import com.acme.crm.lead.history.LeadHistoryEntry;
import com.acme.crm.lead.notes.LeadNote;
import com.acme.crm.lead.notes.NoteView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A lead's timeline (SPEC §10): notes, activities, attachments, stakeholder changes and the other history
 * entries merged, newest first, keyset-paged. One SQL statement finds the page's (kind, key) pairs
 * across the four tables (each read through its lead_id index); then each kind's rows are loaded
 * by key. History entries that only say "a note was added", "an activity was scheduled" or "a file
 * was attached" are left out: the note, the activity and the file are on the timeline themselves. A
 * removed file leaves the timeline; its removal stays, as a history entry naming it.
 */
@ApplicationScoped
public class LeadTimeline {

    private static final String PAGE = """
            select kind, at, key from (
                select 'NOTE' as kind, n.created_at as at, n.id::text as key from lead_note n where n.lead_id = :lead
                union all
                select 'ACTIVITY', a.created_at, a.id::text from lead_activity a where a.lead_id = :lead
                union all
                select 'ATTACHMENT', f.created_at, f.id::text from lead_attachment f where f.lead_id = :lead
                union all
                select case when h.action like 'STAKEHOLDER_%' then 'STAKEHOLDER' else 'HISTORY' end, h.at, lpad(h.id::text, 20, '0')
                from lead_history h where h.lead_id = :lead and h.action not in ('NOTE_ADDED', 'ACTIVITY_CREATED', 'ATTACHMENT_ADDED')
            ) items
            """;

    @Inject
    LeadAccess access;

    @WithSession
    public Uni<Page<TimelineItem>> page(UUID leadId, String cursor, int limit, SecurityIdentity caller) {
        TimelineCursor after = cursor == null ? null : TimelineCursor.decode(cursor);
        return access.findVisible(leadId, caller)
                .chain(lead -> Panache.getSession())
                .chain(session -> keys(session, leadId, after, limit))
                .chain(keys -> load(keys).map(items -> {
                    boolean more = items.size() > limit;
                    List<TimelineItem> shown = more ? items.subList(0, limit) : items;
                    String next = more ? keys.get(limit - 1).cursor().encode() : null;
                    return new Page<>(shown, next);
                }));
    }

    private record Key(TimelineKind kind, Instant at, String key) {
        TimelineCursor cursor() {
            return new TimelineCursor(at, kind.name(), key);
        }
    }

    private static Uni<List<Key>> keys(Mutiny.Session session, UUID leadId, TimelineCursor after, int limit) {
        String sql = PAGE + (after == null ? "" : " where (at, kind, key) < (:at, :kind, :key)")
                + " order by at desc, kind desc, key desc limit " + (limit + 1);
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class).setParameter("lead", leadId);
        if (after != null) {
            query.setParameter("at", after.at()).setParameter("kind", after.kind()).setParameter("key", after.key());
        }
        return query.getResultList().map(rows -> rows.stream()
                .map(row -> new Key(TimelineKind.valueOf((String) row[0]), NativeValues.instant(row[1]), (String) row[2])).toList());
    }


    private static Uni<List<TimelineItem>> load(List<Key> keys) {
        List<UUID> notes = ids(keys, TimelineKind.NOTE);
        List<UUID> activities = ids(keys, TimelineKind.ACTIVITY);
        List<UUID> attachments = ids(keys, TimelineKind.ATTACHMENT);
        List<Long> changes = keys.stream().filter(k -> k.kind().isHistoryEntry()).map(k -> Long.parseLong(k.key())).toList();
        return byKey(rows(notes, ids -> LeadNote.<LeadNote>list("id in ?1", ids)), n -> n.id.toString())
                .chain(noteRows -> byKey(rows(activities, ids -> Activity.<Activity>list("id in ?1", ids)), a -> a.id.toString())
                .chain(activityRows -> byKey(rows(attachments, ids -> Attachment.<Attachment>list("id in ?1", ids)), f -> f.id.toString())
                .chain(attachmentRows -> byKey(rows(changes, ids -> LeadHistoryEntry.<LeadHistoryEntry>list("id in ?1", ids)),
                        h -> String.format("%020d", h.id))
                .map(changeRows -> {
                    List<TimelineItem> items = new ArrayList<>();
                    for (Key k : keys) {
                        items.add(switch (k.kind()) {
                            case NOTE -> note(noteRows.get(k.key()));
                            case ACTIVITY -> activity(activityRows.get(k.key()));
                            case ATTACHMENT -> attachment(attachmentRows.get(k.key()));
                            case STAKEHOLDER, HISTORY -> change(k.kind(), changeRows.get(k.key()));
                        });
                    }
                    return items;
                }))));
    }

    private static TimelineItem note(LeadNote n) {
        return new TimelineItem(TimelineKind.NOTE, n.createdAt, n.author, NoteView.of(n), null, null, null);
    }

    private static TimelineItem activity(Activity a) {
        return new TimelineItem(TimelineKind.ACTIVITY, a.createdAt, a.createdBy, null, ActivityView.of(a), null, null);
    }

    private static TimelineItem attachment(Attachment f) {
        return new TimelineItem(TimelineKind.ATTACHMENT, f.createdAt, f.createdBy, null, null, AttachmentView.of(f), null);
    }

    private static TimelineItem change(TimelineKind kind, LeadHistoryEntry h) {
        return new TimelineItem(kind, h.at, h.actor, null, null, null, HistoryEntryView.of(h));
    }

    private static List<UUID> ids(List<Key> keys, TimelineKind kind) {
        return keys.stream().filter(k -> k.kind() == kind).map(k -> UUID.fromString(k.key())).toList();
    }

    /** The rows with these keys; no query when there are none. */
    private static <K, E> Uni<List<E>> rows(List<K> keys, Function<List<K>, Uni<List<E>>> query) {
        return keys.isEmpty() ? Uni.createFrom().item(List.of()) : query.apply(keys);
    }

    private static <E> Uni<Map<String, E>> byKey(Uni<List<E>> rows, Function<E, String> key) {
        return rows.map(list -> list.stream().collect(Collectors.toMap(key, Function.identity())));
    }
}
