package com.acme.crm.lead.contacts;

import com.acme.crm.common.problems.Problem;
import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.lead.Now;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** lead-service's copy of the contacts: applied from contact events, read for stakeholders. */
@ApplicationScoped
public class ContactCopies {

    /** How long adding a stakeholder waits for a contact's event to arrive (SPEC §10: "may wait a few seconds"). */
    @ConfigProperty(name = "crm.stakeholders.contact-wait", defaultValue = "5s")
    Duration contactWait;

    @Inject
    ContactArrivals arrivals;

    @Inject
    ContactCopyRows rows;

    /**
     * Loads, in the running unit (a consumer batch), the copies of the contacts its events name, in one statement:
     * each event then finds its contact's copy here instead of reading it alone.
     */
    public Uni<Void> prepare(Collection<UUID> contactIds) {
        Map<UUID, Optional<CopiedContact>> known = WriteBehind.local(KNOWN, HashMap::new);
        if (contactIds.isEmpty() || known == null) {
            return Uni.createFrom().voidItem();
        }
        return rows.load(contactIds).invoke(found -> contactIds.forEach(id -> known.put(id, Optional.ofNullable(found.get(id)))))
                .replaceWithVoid();
    }

    // the unit's copies as its events left them (empty: known to have none), so two events of one contact in a batch
    // see each other
    private static final Object KNOWN = CopiedContact.class;

    /**
     * Applies a contact event to the copy ({@link ContactCopyRule}), written with the unit's other copies at its end.
     * Joins the caller's transaction.
     */
    public Uni<Void> upsert(ContactEvent contact, boolean deleted) {
        return copyOf(contact.id()).chain(copy -> {
            CopiedContact after = ContactCopyRule.after(copy, contact, deleted, Now.instant());
            if (after == null) {
                return Uni.createFrom().voidItem(); // an older event, delivered late, or a repeat
            }
            Map<UUID, Optional<CopiedContact>> known = WriteBehind.local(KNOWN, HashMap::new);
            if (known != null) {
                known.put(after.id(), Optional.of(after));
            }
            Uni<Void> written = rows.write(after);
            return copy == null ? written.chain(() -> arrivals.announce(after.id())) : written; // someone may be waiting for it
        });
    }

    private Uni<CopiedContact> copyOf(UUID id) {
        Map<UUID, Optional<CopiedContact>> known = WriteBehind.local(KNOWN, HashMap::new);
        Optional<CopiedContact> found = known == null ? null : known.get(id);
        if (found != null) {
            return Uni.createFrom().item(found.orElse(null));
        }
        return rows.load(List.of(id)).map(copies -> copies.get(id));
    }

    /**
     * Waits until the contact is known (it may have been created a moment ago and its event be on its
     * way): looks at the copy, each time in a short session of its own, and again whenever a contact
     * arrives ({@link ContactArrivals}); 422 naming {@code contactId} when it is unknown or deleted
     * after {@link #contactWait}. Call outside a transaction, on the request's Vert.x context.
     */
    public Uni<ContactCopy> awaitKnown(UUID contactId) {
        return lookUntil(contactId, Instant.now().plus(contactWait), Vertx.currentContext());
    }

    private Uni<ContactCopy> lookUntil(UUID contactId, Instant until, Context request) {
        return Panache.withSession(() -> ContactCopy.<ContactCopy>findById(contactId)).chain(copy -> {
            if (copy != null && !copy.deleted) {
                return Uni.createFrom().item(copy);
            }
            if (copy != null || !Instant.now().isBefore(until)) {
                return Uni.createFrom().failure(unknown(contactId));
            }
            return arrivals.signalOrPause(contactId, until, request).chain(() -> lookUntil(contactId, until, request));
        });
    }

    /** The copies of these contacts by id (missing ones absent). Needs a session. */
    public Uni<Map<UUID, ContactCopy>> byId(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return ContactCopy.<ContactCopy>list("id in ?1", List.copyOf(ids))
                .map(found -> found.stream().collect(Collectors.toMap(c -> c.id, Function.identity())));
    }

    private static ProblemException unknown(UUID contactId) {
        return new ProblemException(Problem.of(422, "unknown-contact", "Unprocessable Content",
                "contact " + contactId + " is not known here (or was deleted); create it with POST /api/contacts, "
                        + "or find it with GET /api/contacts?q=").withViolations(
                List.of(new Problem.Violation("contactId", "no such contact"))));
    }

}
