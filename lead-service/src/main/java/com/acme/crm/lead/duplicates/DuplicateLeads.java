package com.acme.crm.lead.duplicates;

import com.acme.crm.common.problems.ProblemException;
import com.acme.crm.lead.Lead;
import com.acme.crm.lead.LeadState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Map;

/**
 * Duplicate detection on create (SPEC §3): a lead whose email matches an open lead's, ignoring
 * case. Matches are listed whoever owns them, on purpose: telling a salesperson that a colleague
 * already works the prospect is the point; they still cannot open that lead.
 */
@ApplicationScoped
public class DuplicateLeads {

    static final int MAX_LISTED = 10;

    /** Fails with a 409 listing the matches, if any. Call inside the creating transaction. */
    public Uni<Void> rejectIfAny(String email) {
        if (email == null) {
            return Uni.createFrom().voidItem();
        }
        String normalised = email.toLowerCase(Locale.ROOT);
        return serialiseCreatesOf(normalised)
                .chain(() -> Lead.<Lead>find("lower(email) = ?1 and state = ?2 order by createdAt", normalised, LeadState.OPEN)
                        .page(0, MAX_LISTED).list())
                .invoke(matches -> {
                    if (!matches.isEmpty()) {
                        throw ProblemException.conflict("duplicate-lead",
                                "an open lead with this email exists; send suppressDuplicateDetection=true to create it anyway",
                                Map.of("duplicates", matches.stream().map(DuplicateMatch::of).toList()));
                    }
                })
                .replaceWithVoid();
    }

    /** Two concurrent creates with the same email would both miss each other: take turns per email until commit. */
    private static Uni<Void> serialiseCreatesOf(String email) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(?1))) taken")
                        .setParameter(1, "lead-email:" + email)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
