package com.acme.crm.lead.contacts;

import com.acme.crm.common.problems.Problem;
import com.acme.crm.common.problems.ProblemException;
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
import java.util.List;
import java.util.Map;
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

    /** Applies a created or updated contact, unless the copy already has a newer version. Joins the caller's transaction. */
    public Uni<Void> upsert(ContactEvent contact, boolean deleted) {
        return ContactCopy.<ContactCopy>findById(contact.id()).chain(existing -> {
            long version = contact.version() == null ? 0 : contact.version();
            if (existing != null && existing.sourceVersion > version && !deleted) {
                return Uni.createFrom().voidItem(); // an older event, delivered late
            }
            ContactCopy copy = existing != null ? existing : new ContactCopy();
            copy.firstName = contact.firstName();
            copy.lastName = contact.lastName();
            copy.email = contact.email();
            copy.jobTitle = contact.jobTitle();
            copy.sourceVersion = Math.max(version, existing == null ? 0 : existing.sourceVersion);
            copy.deleted = deleted || (existing != null && existing.deleted);
            copy.updatedAt = Now.instant();
            if (existing == null) {
                copy.id = contact.id();
                return copy.persist().chain(() -> arrivals.announce(copy.id)); // someone may be waiting for it
            }
            return Uni.createFrom().voidItem();
        });
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
